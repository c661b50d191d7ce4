import Foundation
import UniNERCore

/// Submits a sweep to Slurm: one job array with a task per cell, each running `uniner run RECIPE --cell K` over
/// the shared cache, then a report job (`--dependency=afterany`) that runs `uniner report RECIPE`.
///
/// Everything it writes lives in `<output>/<name>/slurm/`: the cells' resolved recipes (`recipe.yaml`, for the
/// record), the two job scripts and the jobs' logs. The tasks read the same recipe file with the same `--set`
/// overrides, `--data` and `--cache`, and refuse to run if the recipe changed since submission (a digest of the
/// resolved variants travels in the script).
struct SlurmLauncher {
    var recipe: RecipeArguments
    var pipeline: PipelineArguments
    var options: String?
    var variants: [Recipe]

    /// A digest of every variant's resolved recipe, in order: equal digests mean equal cells.
    static func digest(of variants: [Recipe]) -> String {
        Pipeline.key(variants.map { $0.variant + "\n" + $0.yaml }.joined(separator: "\n---\n"))
    }

    func submit(wait: Bool) async throws {
        guard let first = variants.first else { return }
        let fm = FileManager.default
        let here = fm.currentDirectoryPath
        func absolute(_ path: String) -> String {
            URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: here, isDirectory: true)).standardizedFileURL.path
        }
        let sweepFolder = URL(fileURLWithPath: absolute(first.output)).appendingPathComponent(first.name)
        let folder = sweepFolder.appendingPathComponent("slurm")
        let logs = folder.appendingPathComponent("logs")
        try Folders.create(logs)
        let cells = SweepCell.cells(of: variants)
        let record = zip(cells, variants).map { "# cell \($0.index): \($0.name)\n\($1.yaml)" }.joined(separator: "---\n")
        try AtomicFile.write(record, to: folder.appendingPathComponent("recipe.yaml"))

        // The same recipe, overrides, data and cache for every task; the cache made absolute, since the default
        // (`<output>/.cache`) would otherwise depend on where a task starts.
        let cache = absolute(pipeline.cache ?? ProcessInfo.processInfo.environment["UNINER_CACHE"]
                                 ?? URL(fileURLWithPath: first.output).appendingPathComponent(".cache").path)
        var common = [absolute(recipe.recipe)] + recipe.allOverrides.flatMap { ["--set", $0] } + ["--cache", cache]
        if let data = pipeline.data { common += ["--data", absolute(data)] }
        if let threads = pipeline.threads { common += ["--threads", String(threads)] }
        let uniner = Self.executable
        let names = cells.map { ShellWords.quote($0.name) }.joined(separator: " ")
        let cellScript = folder.appendingPathComponent("cells.sh")
        try AtomicFile.write("""
            #!/usr/bin/env bash
            # One task of the job array per cell of \(first.name); written by `uniner run --launcher slurm`.
            set -euo pipefail
            cd \(ShellWords.quote(here))
            cells=(\(names))
            echo "cell $SLURM_ARRAY_TASK_ID of \(cells.count): ${cells[$SLURM_ARRAY_TASK_ID]} (job $SLURM_ARRAY_JOB_ID, host $(hostname))" >&2
            exec \(([uniner, "run"] + common).map(ShellWords.quote).joined(separator: " ")) \\
                --cell "$SLURM_ARRAY_TASK_ID" --sweep-digest \(Self.digest(of: variants))

            """, to: cellScript)
        let reportScript = folder.appendingPathComponent("report.sh")
        try AtomicFile.write("""
            #!/usr/bin/env bash
            # The comparison of \(first.name) from whatever cells completed; written by `uniner run --launcher slurm`.
            set -euo pipefail
            cd \(ShellWords.quote(here))
            exec \(([uniner, "report"] + common).map(ShellWords.quote).joined(separator: " "))

            """, to: reportScript)
        for script in [cellScript, reportScript] { chmod(script.path, 0o755) }

        let extra = try options.map(ShellWords.split) ?? []
        let submitted = Date()
        let array = try Self.sbatch(extra + ["--job-name=uniner-\(first.name)", "--array=0-\(cells.count - 1)",
                                             "--output=\(logs.path)/cell-%a-job-%A.log", cellScript.path])
        let report = try Self.sbatch(extra + ["--job-name=uniner-\(first.name)-report", "--dependency=afterany:\(array)",
                                              "--output=\(logs.path)/report-job-%j.log", reportScript.path])
        print("submitted \(cells.count) cell\(cells.count == 1 ? "" : "s") of \(first.name) as job array \(array) "
              + "(tasks \(array)_0 to \(array)_\(cells.count - 1)), and report job \(report) after it")
        print("follow:     squeue -j \(array),\(report)    (when done: sacct -j \(array),\(report))")
        print("logs:       \(logs.path)/cell-K-job-\(array).log, report-job-\(report).log")
        print("comparison: \(sweepFolder.path)/comparison.md (written by job \(report); or run `uniner report` yourself)")
        guard wait else { return }

        logLine("waiting for report job \(report)")
        var unanswered = 0
        while true {
            guard let queued = try Self.isQueued(report) else {
                // squeue can fail while the controller is busy: a minute of failures is an error.
                unanswered += 1
                if unanswered > 30 {
                    throw UniNERError("squeue does not answer about job \(report)", help: "check Slurm (sinfo); the jobs may still run")
                }
                try await Task.sleep(nanoseconds: 2_000_000_000)
                continue
            }
            unanswered = 0
            if !queued { break }
            try await Task.sleep(nanoseconds: 2_000_000_000)
        }
        let comparison = sweepFolder.appendingPathComponent("comparison.md")
        let written = (try? fm.attributesOfItem(atPath: comparison.path)[.modificationDate] as? Date) ?? nil
        let reportLog = logs.appendingPathComponent("report-job-\(report).log")
        guard let written, written >= submitted.addingTimeInterval(-1) else {
            throw UniNERError("report job \(report) ended without writing \(comparison.path)",
                              help: "see its log \(reportLog.path) and the cells' logs in \(logs.path)")
        }
        let outcome = SweepReport(recipes: variants)
        print("comparison: \(comparison.path) (\(outcome.results.count) of \(cells.count) cells)")
        if let note = outcome.missingNote {
            throw UniNERError("\(note): \(outcome.missing.map { "cell \($0.cell.index) \($0.cell.name) (\($0.reason))" }.joined(separator: ", "))",
                              help: "see the cells' logs in \(logs.path); rerun a cell with `uniner run RECIPE --cell K`")
        }
    }

    /// This program, by absolute path (the tasks run it; on a cluster it must be on a shared file system).
    static var executable: String {
        (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath().path
    }

    /// Runs `sbatch --parsable ARGS` and returns the job id it prints (`ID` or `ID;CLUSTER`).
    static func sbatch(_ arguments: [String]) throws -> String {
        let output = try run(["sbatch", "--parsable"] + arguments)
        let id = output.stdout.split(separator: "\n").last.map { String($0.split(separator: ";").first ?? "") }?
            .trimmingCharacters(in: .whitespaces) ?? ""
        guard output.status == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw UniNERError("sbatch failed (status \(output.status)): \((output.stderr + output.stdout).trimmingCharacters(in: .whitespacesAndNewlines))",
                              help: "check the --slurm options and that Slurm answers here (sinfo; SLURM_CONF)")
        }
        return id
    }

    /// Whether Slurm still knows `job` as pending or running (`squeue` forgets ended jobs); nil when it did not answer.
    static func isQueued(_ job: String) throws -> Bool? {
        let output = try run(["squeue", "-h", "-j", job, "-o", "%T"])
        if output.status != 0 { return output.stderr.contains("Invalid job id") ? false : nil }
        let state = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return !state.isEmpty && !["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY",
                                                          "NODE_FAIL", "BOOT_FAIL", "DEADLINE", "PREEMPTED"].contains(state)
    }

    static func run(_ command: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw UniNERError("cannot run \(command[0]): \(error.localizedDescription)",
                              help: "install Slurm's client commands (Debian: slurm-client), or run without --launcher slurm")
        }
        // Small outputs: read one pipe after the other without a deadlock.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 127 {
            throw UniNERError("cannot run \(command[0]): not found", help: "install Slurm's client commands (Debian: slurm-client), "
                              + "or run without --launcher slurm")
        }
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
