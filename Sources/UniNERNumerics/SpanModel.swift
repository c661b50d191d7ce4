import Foundation
import UniNERFiles

/// A GLiNER-style span model: encoder states → span vectors (start ⊕ end → Linear → GELU → Linear) and
/// query vectors (state at a query position → Linear); logit = span · query; sigmoid BCE over all pairs.
///
/// Spans are enumerated per sequence (every start word, widths 1…K within the sequence's words), so no padded or
/// invalid span is ever scored and none needs masking; a query with no gold span contributes only negatives.
/// Per-type template: one query per sequence (e.g. its [CLS]); all-in-one: one marker position per type.
public final class SpanModel {
    public let config: SpanModelConfig
    /// All parameters: the encoder's (Hugging Face names) and the head's (`span_rep.*`, `query_proj.*`).
    public let store: ParameterStore
    public let encoder: BertModel
    let w1: Parameter, b1: Parameter, w2: Parameter, b2: Parameter, wq: Parameter, bq: Parameter
    /// The names of the head's parameters.
    public static let headPrefixes = ["span_rep.", "query_proj."]

    // Cache of the last forward.
    private var spanStartTok: [Int] = [], spanEndTok: [Int] = [], spanWords: [(Int, Int)] = []
    private var spanOffset: [Int] = [], queryOffset: [Int] = [], logitOffset: [Int] = [], queryTok: [Int] = []
    private var lastBatch = 0, lastLength = 0
    private var pairCount = 0
    let pStart = Tensor([0]), pEnd = Tensor([0])     // [N, C] start and end halves of the first projection
    let pre = Tensor([0]), act = Tensor([0]), rep = Tensor([0])   // [S, C]; pre holds gelu′ after forward
    let qIn = Tensor([0]), qRep = Tensor([0])        // [Q, C]
    let logits = Tensor([0]), targets = Tensor([0])  // [Σ S_b Q_b]
    let weights = Tensor([0])                        // [Σ S_b Q_b] 1, or positiveWeight on gold pairs
    // Gradient scratch.
    let dH = Tensor([0]), dPStart = Tensor([0]), dPEnd = Tensor([0]), dPre = Tensor([0]), dAct = Tensor([0])
    let dRep = Tensor([0]), dQIn = Tensor([0]), dQRep = Tensor([0]), dLogits = Tensor([0])
    /// Gold spans of the last forward that could not be scored (longer than K words).
    public private(set) var unreachablePositives = 0

    /// Registers encoder and head parameters; values are zero until initialised or loaded.
    init(config: SpanModelConfig) throws {
        guard config.maxSpanWidth >= 1 else { throw NumericsError.invalidConfig("maxSpanWidth must be ≥ 1") }
        self.config = config
        let store = ParameterStore()
        self.store = store
        encoder = try BertModel(config: config.encoder, store: store)
        let C = config.encoder.hiddenSize
        w1 = store.add("span_rep.project.weight", [C, 2 * C]); b1 = store.add("span_rep.project.bias", [C])
        w2 = store.add("span_rep.out.weight", [C, C]); b2 = store.add("span_rep.out.bias", [C])
        wq = store.add("query_proj.weight", [C, C]); bq = store.add("query_proj.bias", [C])
        store.allocate()
    }

    /// A span model with random initialisation everywhere (from-scratch encoder).
    public convenience init(config: SpanModelConfig, seed: UInt64) throws {
        try self.init(config: config)
        var rng = RandomGenerator(seed: seed)
        store.initializeBERTStyle(std: config.encoder.initializerRange, rng: &rng)
    }

    /// A span model over a pretrained Hugging Face encoder folder, with a randomly initialised head.
    public convenience init(encoderFolder: URL, maxSpanWidth: Int = 12, lossReduction: LossReduction = .mean,
                            seed: UInt64) throws {
        let (enc, weights) = try BertConfig.loadChecked(folder: encoderFolder)
        try self.init(config: SpanModelConfig(encoder: enc, maxSpanWidth: maxSpanWidth, lossReduction: lossReduction))
        var rng = RandomGenerator(seed: seed)
        store.initializeBERTStyle(std: enc.initializerRange, rng: &rng, where: isHead)
        try encoder.loadWeights(from: weights)
    }

    /// Whether `p` belongs to the head (as opposed to the encoder).
    public func isHead(_ p: Parameter) -> Bool { Self.headPrefixes.contains { p.name.hasPrefix($0) } }

    // MARK: - Save and load

    /// Saves `model.safetensors`, `span_config.json` and the encoder's `config.json` into `folder`, atomically.
    public func save(folder: URL) throws {
        try AtomicFile.writeFolder(folder) { tmp in try self.writeFiles(into: tmp) }
    }

    func writeFiles(into dir: URL) throws {
        try SafeTensors.write(store.namedTensors(), metadata: ["format": "uniner-span-v1"],
                              to: dir.appendingPathComponent("model.safetensors"))
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(enc.encode(config), to: dir.appendingPathComponent("span_config.json"))
        try AtomicFile.write(enc.encode(config.encoder), to: dir.appendingPathComponent("config.json"))
    }

    /// Loads a span model saved by `save(folder:)`.
    public static func load(folder: URL) throws -> SpanModel {
        let url = folder.appendingPathComponent("span_config.json")
        let config: SpanModelConfig
        do { config = try JSONDecoder().decode(SpanModelConfig.self, from: Data(contentsOf: url)) } catch {
            throw NumericsError.invalidConfig("\(url.path): \(error.localizedDescription)")
        }
        // Every size is checked against the limits and the weights file before `init` allocates the parameters.
        try config.validate(file: url.path)
        let weights = try SafeTensors(contentsOf: folder.appendingPathComponent("model.safetensors"))
        try config.encoder.check(against: weights, configFile: url.path)
        let model = try SpanModel(config: config)
        try model.loadWeights(from: weights)
        return model
    }

    /// Copies every parameter from a safetensors file written by `save`.
    public func loadWeights(from file: SafeTensors) throws {
        for p in store.parameters {
            guard let e = file.entries[p.name] else { throw NumericsError.missingTensor(file: file.path, name: p.name) }
            guard e.shape == p.shape else { throw NumericsError.shapeMismatch(name: p.name, expected: p.shape, found: e.shape) }
            try file.copyFloats(p.name, into: store.value(p))
        }
    }

    // MARK: - Forward and backward

    /// Forward: computes the logits of every (span, query) pair and, from `batch.positives`, the loss.
    ///
    /// - Returns: the loss reduced as `config.lossReduction` says (0 when there is no pair).
    /// - Throws: `NumericsError.invalidInput` when the batch is inconsistent.
    @discardableResult
    public func forward(_ batch: SpanBatch, training: Bool, rng: inout RandomGenerator) throws -> Double {
        try batch.validate()
        let B = batch.batch, T = batch.length, C = config.encoder.hiddenSize, K = config.maxSpanWidth
        let N = B * T
        let H = try encoder.forward(inputIds: batch.inputIds, attentionMask: batch.attentionMask,
                                    tokenTypeIds: batch.tokenTypeIds, batch: B, length: T, training: training, rng: &rng)
        lastBatch = B; lastLength = T
        // Enumerate spans of 1...K words and queries, per sequence.
        spanStartTok.removeAll(keepingCapacity: true); spanEndTok.removeAll(keepingCapacity: true)
        spanWords.removeAll(keepingCapacity: true); queryTok.removeAll(keepingCapacity: true)
        spanOffset = [0]; queryOffset = [0]; logitOffset = [0]
        for b in 0..<B {
            let nw = batch.wordFirst[b].count
            for i in 0..<nw {
                for j in i..<min(nw, i + K) {
                    spanStartTok.append(b * T + batch.wordFirst[b][i]); spanEndTok.append(b * T + batch.wordLast[b][j])
                    spanWords.append((i, j))
                }
            }
            for q in batch.queryPositions[b] { queryTok.append(b * T + q) }
            spanOffset.append(spanStartTok.count); queryOffset.append(queryTok.count)
            logitOffset.append(logitOffset[b] + (spanOffset[b + 1] - spanOffset[b]) * (queryOffset[b + 1] - queryOffset[b]))
        }
        let S = spanStartTok.count, Q = queryTok.count, P = logitOffset[B]
        pairCount = P
        pStart.resize([N, C]); pEnd.resize([N, C]); pre.resize([S, C]); act.resize([S, C]); rep.resize([S, C])
        qIn.resize([Q, C]); qRep.resize([Q, C]); logits.resize([P]); targets.resize([P], zero: true)
        let s = store
        // Start and end projections of every token: [N, C] = H [N, C] · W1[:, 0..<C]ᵀ and W1[:, C..<2C]ᵀ.
        Linear.forward(out: pStart.data, inp: H.data, weight: s.value(w1), bias: nil, n: N, c: C, oc: C, ldw: 2 * C)
        Linear.forward(out: pEnd.data, inp: H.data, weight: s.value(w1) + C, bias: nil, n: N, c: C, oc: C, ldw: 2 * C)
        // pre [S, C] = pStart[start] + pEnd[end] + b1
        let bias1 = s.value(b1)
        for si in 0..<S {
            let o = pre.data + si * C, a = pStart.data + spanStartTok[si] * C, e = pEnd.data + spanEndTok[si] * C
            for j in 0..<C { o[j] = a[j] + e[j] + bias1[j] }
        }
        GELU.forward(out: act.data, inputThenDerivative: pre.data, count: S * C)
        Linear.forward(out: rep.data, inp: act.data, weight: s.value(w2), bias: s.value(b2), n: S, c: C, oc: C)
        // Queries [Q, C] = H[query positions] · Wqᵀ + bq
        for qi in 0..<Q { (qIn.data + qi * C).update(from: H.data + queryTok[qi] * C, count: C) }
        Linear.forward(out: qRep.data, inp: qIn.data, weight: s.value(wq), bias: s.value(bq), n: Q, c: C, oc: C)
        // Logits per sequence: [S_b, Q_b] = rep_b · qRep_bᵀ
        unreachablePositives = 0
        for b in 0..<B {
            let sb = spanOffset[b + 1] - spanOffset[b], qb = queryOffset[b + 1] - queryOffset[b]
            if sb == 0 || qb == 0 { continue }
            BLAS.sgemm(transB: true, m: sb, n: qb, k: C, a: rep.data + spanOffset[b] * C, lda: C,
                       b: qRep.data + queryOffset[b] * C, ldb: C, c: logits.data + logitOffset[b], ldc: qb)
            let nw = batch.wordFirst[b].count
            for g in batch.positives[b] {
                guard g.end - g.start < K else { unreachablePositives += 1; continue }
                // index of span (start, end) in the enumeration order above
                var idx = 0
                for i in 0..<g.start { idx += min(nw, i + K) - i }
                idx += g.end - g.start
                targets.data[logitOffset[b] + idx * qb + g.query] = 1
            }
        }
        if P == 0 { return 0 }
        if config.positiveWeight != 1 {
            weights.resize([P])
            for i in 0..<P { weights.data[i] = targets.data[i] != 0 ? config.positiveWeight : 1 }
        }
        let total = BinaryCrossEntropy.forward(logits: logits.data, targets: targets.data, weights: lossWeights, count: P)
        return config.lossReduction == .mean ? total / Double(P) : total
    }

    /// The per-pair loss weights of the last forward (`nil`: all 1).
    var lossWeights: UnsafePointer<Float>? { config.positiveWeight != 1 ? UnsafePointer(weights.data) : nil }

    /// Backward of the last `forward` through head and encoder; accumulates gradients scaled by `lossScale`
    /// (e.g. 1 / micro-batches for gradient accumulation).
    public func backward(lossScale: Float = 1) {
        let B = lastBatch, T = lastLength, C = config.encoder.hiddenSize, N = B * T
        let S = spanStartTok.count, Q = queryTok.count, P = pairCount
        let s = store
        dH.resize([N, C], zero: true)
        dLogits.resize([P], zero: true)
        let scale = lossScale * (config.lossReduction == .mean && P > 0 ? 1 / Float(P) : 1)
        BinaryCrossEntropy.backward(dlogits: dLogits.data, logits: logits.data, targets: targets.data, weights: lossWeights,
                                    count: P, scale: scale)
        dRep.resize([S, C], zero: true); dQRep.resize([Q, C], zero: true)
        for b in 0..<B {
            let sb = spanOffset[b + 1] - spanOffset[b], qb = queryOffset[b + 1] - queryOffset[b]
            if sb == 0 || qb == 0 { continue }
            let dl = dLogits.data + logitOffset[b]
            // dRep_b [S_b, C] += dL [S_b, Q_b] · qRep_b [Q_b, C]
            BLAS.sgemm(m: sb, n: C, k: qb, a: dl, lda: qb, b: qRep.data + queryOffset[b] * C, ldb: C,
                       beta: 1, c: dRep.data + spanOffset[b] * C, ldc: C)
            // dQRep_b [Q_b, C] += dLᵀ [Q_b, S_b] · rep_b [S_b, C]
            BLAS.sgemm(transA: true, m: qb, n: C, k: sb, a: dl, lda: qb, b: rep.data + spanOffset[b] * C, ldb: C,
                       beta: 1, c: dQRep.data + queryOffset[b] * C, ldc: C)
        }
        // Queries.
        dQIn.resize([Q, C], zero: true)
        Linear.backward(dinp: dQIn.data, dweight: s.grad(wq), dbias: s.grad(bq), dout: dQRep.data, inp: qIn.data,
                        weight: s.value(wq), n: Q, c: C, oc: C)
        for qi in 0..<Q {
            let d = dH.data + queryTok[qi] * C, g = dQIn.data + qi * C
            for j in 0..<C { d[j] += g[j] }
        }
        // Spans.
        dAct.resize([S, C], zero: true); dPre.resize([S, C], zero: true)
        Linear.backward(dinp: dAct.data, dweight: s.grad(w2), dbias: s.grad(b2), dout: dRep.data, inp: act.data,
                        weight: s.value(w2), n: S, c: C, oc: C)
        GELU.backward(dinp: dPre.data, dout: dAct.data, derivative: pre.data, count: S * C)
        dPStart.resize([N, C], zero: true); dPEnd.resize([N, C], zero: true)
        let db1 = s.grad(b1)
        for si in 0..<S {
            let g = dPre.data + si * C, a = dPStart.data + spanStartTok[si] * C, e = dPEnd.data + spanEndTok[si] * C
            for j in 0..<C { a[j] += g[j]; e[j] += g[j]; db1[j] += g[j] }
        }
        let H = encoder.acts.last!.out
        Linear.backward(dinp: dH.data, dweight: s.grad(w1), dbias: nil, dout: dPStart.data, inp: H.data,
                        weight: s.value(w1), n: N, c: C, oc: C, ldw: 2 * C)
        Linear.backward(dinp: dH.data, dweight: s.grad(w1) + C, dbias: nil, dout: dPEnd.data, inp: H.data,
                        weight: s.value(w1) + C, n: N, c: C, oc: C, ldw: 2 * C)
        encoder.backward(dHidden: dH.data)
    }

    /// Inference: the probability of every (span, query) pair, per sequence.
    public func predict(_ batch: SpanBatch) throws -> [SpanScores] {
        var rng = RandomGenerator(seed: 0)
        var b0 = batch
        b0.positives = Array(repeating: [], count: batch.batch)
        try forward(b0, training: false, rng: &rng)
        return (0..<batch.batch).map { b in
            let qb = queryOffset[b + 1] - queryOffset[b]
            let probs = (logitOffset[b]..<logitOffset[b + 1]).map { BinaryCrossEntropy.sigmoid(logits.data[$0]) }
            return SpanScores(spans: spanWords[spanOffset[b]..<spanOffset[b + 1]].map { (start: $0.0, end: $0.1) },
                              queryCount: qb, probs: probs)
        }
    }

    /// Matmul FLOPs of one training step (forward + backward ≈ 3 × forward) on `batch`, counting 2 per multiply-add.
    public func trainingFLOPs(_ batch: SpanBatch) -> Double {
        let C = Double(config.encoder.hiddenSize), N = Double(batch.batch * batch.length)
        var spans = 0.0, queries = 0.0, pairs = 0.0
        for b in 0..<batch.batch {
            let nw = batch.wordFirst[b].count
            var sb = 0
            for i in 0..<nw { sb += min(nw, i + config.maxSpanWidth) - i }
            spans += Double(sb); queries += Double(batch.queryPositions[b].count)
            pairs += Double(sb * batch.queryPositions[b].count)
        }
        let head = 2 * (N * 2 * C * C + spans * C * C + queries * C * C + pairs * C)
        return 3 * (encoder.forwardFLOPs(batch: batch.batch, length: batch.length) + head)
    }
}
