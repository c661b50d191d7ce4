import UniNERCore

/// The `reviewed` annotator, for the catalog: it wraps the teacher its section names.
public enum ReviewedPlugins {
    public static var descriptors: [PluginDescriptor] {
        [
            .composite(.annotator, kind: "reviewed",
                       summary: "a teacher's labels corrected in Prodigy or Label Studio (export with 'uniner annotate --export'); reports the teacher's precision/recall",
                       options: ReviewedAnnotator.Options.self) { options, section, registry in
                           let teacherSection = try section.nested("teacher")
                           let teacher = try registry.make(.annotator, teacherSection, as: (any Annotator).self)
                           return ReviewedAnnotator(options: options, teacher: teacher, teacherName: teacherSection.kind)
                       },
        ]
    }
}
