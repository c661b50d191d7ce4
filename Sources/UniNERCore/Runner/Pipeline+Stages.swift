import Foundation

/// The bodies of `StageDeclaration.all`, one per stage: each reads the outputs of its upstream stages from the
/// run and leaves its own there.
extension Pipeline {
    func passages(_ run: StageRun) async throws {
        run.passages = try await stage(.passages, of: run) { work in
            guard let section = run.recipe.corpus else { return ([], StageReport(notes: ["no corpus: the annotator brings its passages"])) }
            let corpus = try registry.make(.corpus, section, as: (any CorpusSource).self)
            let passages = try corpus.passages(context: run.context(work))
            return (passages, StageReport(counters: ["passages": Double(passages.count)]))
        }.value
    }

    func annotations(_ run: StageRun) async throws {
        let passages = run.passages
        run.annotated = try await stage(.annotations, of: run) { work in
            guard let annotator = run.plugins.annotator else { return ([], StageReport(notes: ["no annotator"])) }
            let outcome = try await annotator.annotate(passages, style: run.plugins.style, context: run.context(work))
            var report = outcome.report
            if !outcome.failedPassageIDs.isEmpty {
                let shown = outcome.failedPassageIDs.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
                report.incomplete = "the teacher failed on \(outcome.failedPassageIDs.count) of \(passages.count) passages "
                    + "(\(shown)\(outcome.failedPassageIDs.count > 3 ? ", ..." : "")); the next run asks for them again"
            }
            report.counters["annotated passages"] = Double(outcome.passages.count)
            report.counters["mentions"] = Double(outcome.passages.reduce(0) { $0 + $1.mentions.count })
            return (outcome.passages, report)
        }.value
    }

    /// The instruction queries: the distilled data through the template and sampler, plus the supervised mix.
    func queries(_ run: StageRun) async throws {
        let recipe = run.recipe, style = run.plugins.style, annotated = run.annotated
        run.examples = try await stage(.queries, of: run) { work in
            let builder = InstructionBuilder(
                template: try registry.make(.template, recipe.queries.template, as: (any QueryTemplate).self),
                sampler: try registry.make(.negatives, recipe.queries.negatives, as: (any NegativeSampler).self),
                style: style, datasetField: recipe.queries.datasetField,
                supervisedNegatives: recipe.queries.supervisedNegatives,
                supervisedAbsentShare: recipe.queries.supervisedAbsentShare, seed: recipe.studentSeed)
            let supervised = try SupervisedMix(sources: recipe.supervised, datasets: run.datasets(base: datasets), style: style,
                                               seed: recipe.seed).passages()
            let built = builder.build(distilled: annotated, supervised: supervised)
            try JSONLines.write(built.conversations, to: work.appendingPathComponent(Self.conversationsFile))
            return (built.examples, built.report)
        }.value
    }

    /// The artifact of the queries stage: the conversations in the student's format, one per line.
    public static let conversationsFile = "conversations.jsonl"

    /// Trains the student (if any) and links its stage folder as the run folder's `model`.
    func model(_ run: StageRun) async throws {
        guard let student = run.plugins.student, let key = run.keys.key(.model) else { return }
        let examples = run.examples
        let trained: StageOutput<ModelRecord> = try await stage(.model, of: run) { work in
            let artifact = try await student.train(examples, into: work, context: run.studentContext(work))
            return (try ModelRecord(artifact, stage: work), artifact.report)
        }
        // Only its place: another process may be training there (it holds the stage lock), so nothing is cleaned.
        let location = store.location(stage: PipelineStage.model.rawValue, key: key)
        run.model = trained.value.artifact(stage: location, report: trained.report)
        let link = run.folder.appendingPathComponent("model")
        try? FileManager.default.removeItem(at: link)
        try? FileManager.default.createSymbolicLink(at: link, withDestinationURL: location)
    }

    /// Predicts every evaluation dataset with the recipe's predictor, else the trained student's; the predictor
    /// is built and its model loaded once, before the first dataset that is not cached.
    func predictions(_ run: StageRun) async throws {
        guard let evaluate = run.recipe.evaluate else { return }
        let make = try predictorMaker(run)
        guard let provider = run.datasets(base: datasets) else {
            throw UniNERError("no benchmark data found for evaluation", help: "set UNINER_DATA to the benchmark folder")
        }
        let folder = run.folder.appendingPathComponent("predictions")
        try Folders.create(folder)
        StaleWrites.clean(folder)
        let styles = try labelStyles(run)
        var ready: (any Predictor)?
        func predictorFor(_ work: URL) throws -> any Predictor {
            if let ready { return ready }
            let loaded = try make(work).loaded(context: run.context(work))
            ready = loaded
            return loaded
        }
        for dataset in evaluate.datasets {
            let (queries, typeOfLabel) = try evaluationQueries(dataset, evaluate, provider, style: styles[0])
            run.queries[dataset] = queries
            let predictions = try await stage(.predictions, dataset: dataset, of: run) { work in
                func predictor(_ work: URL) throws -> any Predictor {
                    let loaded = try predictorFor(work)
                    guard styles.count > 1 else { return loaded }
                    return LabelStyleEnsemble(base: loaded, styles: styles, typeOfLabel: typeOfLabel)
                }
                guard let size = evaluate.passageSentences, size > 1 else {
                    let predictions = try await predictor(work).predict(queries, context: run.context(work))
                    return (predictions, StageReport(counters: ["queries": Double(queries.count)]))
                }
                let joined = try await PassageJoiner(size: size).predict(queries, with: predictor(work), context: run.context(work))
                return (joined.predictions, StageReport(counters: [
                    "queries": Double(queries.count), "passages": Double(joined.passages),
                    "mentions across joined sentences": Double(joined.crossing),
                ]))
            }.value
            try JSONLines.write(predictions, to: folder.appendingPathComponent("\(dataset).jsonl"))
            run.predictions[dataset] = predictions
        }
        run.evaluated = true
    }

    /// What builds the run's predictor: the recipe's `predictor:`, else the trained student's.
    /// - Throws: `UniNERError` when the recipe has neither.
    func predictorMaker(_ run: StageRun) throws -> (URL) throws -> any Predictor {
        if let predictor = run.plugins.predictor { return { _ in predictor } }
        guard let student = run.plugins.student, let model = run.model else {
            throw UniNERError("the recipe evaluates but has neither a 'student' nor a 'predictor' section",
                              help: "add 'student: {kind: span-encoder}' or 'predictor: {kind: openai, ...}'")
        }
        return { work in try student.predictor(for: model, context: run.context(work)) }
    }

    /// The prompt styles each evaluated type is asked by: `evaluate.label_styles` (the recipe's own `prompt`
    /// plugin where it names that kind, so its options hold), else the recipe's style alone.
    /// - Throws: `RecipeError` for an unknown style kind.
    func labelStyles(_ run: StageRun) throws -> [any PromptStyle] {
        guard let kinds = run.recipe.evaluate?.labelStyles else { return [run.plugins.style] }
        return try kinds.map { kind in
            kind == run.recipe.prompt.kind ? run.plugins.style : try registry.make(.prompt, kind: kind, as: (any PromptStyle).self)
        }
    }

    /// The queries of one evaluation dataset, each label named as the prompt style names it, and the type of
    /// each such label.
    func evaluationQueries(_ dataset: String, _ evaluate: EvaluateSection, _ provider: any DatasetProvider,
                           style: any PromptStyle) throws -> ([EvaluationQuery], [String: String]) {
        var split = try provider.load(dataset: dataset, split: evaluate.split)
        if let limit = evaluate.maxSentences { split.sentences = Array(split.sentences.prefix(limit)) }
        var queries = EvaluationQueryBuilder.queries(for: split)
        if evaluate.datasetField {
            queries = queries.map { var query = $0; query.datasetField = true; return query }
        }
        // Every style names a type its own way (`type` by the type itself, `definition` by its definition).
        var typeOfLabel: [String: String] = [:]
        let named = try queries.map { query in
            var named = query
            named.label = try style.label(forType: query.label)
            typeOfLabel[named.label] = query.label
            return named
        }
        return (named, typeOfLabel)
    }

    /// Scores every evaluated dataset's predictions with each metric (not cached: scoring takes no time).
    func metrics(_ run: StageRun) async throws {
        guard let evaluate = run.recipe.evaluate, run.evaluated else { return }
        let metrics = try evaluate.metrics.map { try registry.make(.metric, kind: $0, as: (any Metric).self) }
        for dataset in evaluate.datasets {
            guard let queries = run.queries[dataset], let predictions = run.predictions[dataset] else { continue }
            let byID = try PredictionIndex.byID(predictions, source: "predictions of \(dataset)")
            let pairs = queries.map { ScoredQuery(query: $0, prediction: byID[$0.id]) }
            let breakdowns = metrics.map { ($0.name, $0.breakdown(pairs)) }
            run.result.scores[dataset] = Dictionary(uniqueKeysWithValues: breakdowns.map { ($0.0, $0.1.score) })
            run.result.perLabel = run.result.perLabel ?? [:]
            run.result.perLabel?[dataset] = Dictionary(uniqueKeysWithValues: breakdowns.map { ($0.0, $0.1.perLabel) })
            run.result.sentences = run.result.sentences ?? [:]
            run.result.sentences?[dataset] = Dictionary(uniqueKeysWithValues: breakdowns.map { ($0.0, $0.1.perSentence) })
            run.result.domains[dataset] = run.plugins.own?.dataset(named: dataset).map { $0.domain ?? "other" }
                ?? domains[dataset] ?? "other"
            var seenLabels = Set<String>()
            run.result.labels[dataset] = queries.map(\.label).filter { seenLabels.insert($0).inserted }
            log("[metrics] \(dataset): " + evaluate.metrics.compactMap { name in
                run.result.scores[dataset]?[name].map { "\(name) F1 \(String(format: "%.1f", $0.f1 * 100))" }
            }.joined(separator: ", "))
        }
    }
}
