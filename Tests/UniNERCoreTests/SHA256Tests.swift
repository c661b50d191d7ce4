import Foundation
import UniNERCore
import XCTest

/// FIPS 180-4 test vectors: the stage and request caches key everything by this digest, so a change of
/// implementation must give the same hex digits to the letter (or every cache is invalidated).
final class SHA256Tests: XCTestCase {
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 1000)),
                       "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        XCTAssertEqual(SHA256.hex(bytes: Data("abc".utf8)), SHA256.hex("abc"))
    }

    /// Lengths around the 64-byte block where the padding spills into a second block, non-ASCII UTF-8 (keys
    /// hold dataset and label names) and every byte value; the digests are Python's `hashlib.sha256`.
    func testPaddingBoundariesUTF8AndAllBytes() {
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 55)),
                       "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 56)),
                       "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 64)),
                       "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
        XCTAssertEqual(SHA256.hex("Zürich – 東京|12:conll2003|7:train"),
                       "07789aa81f802218021408863f106543d2cf3b395d35ba14f4afbd340eb9aafb")
        XCTAssertEqual(SHA256.hex(bytes: (0...255).map { UInt8($0) }),
                       "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880")
        XCTAssertEqual(SHA256.digest(Array("abc".utf8)).count, 32)
    }
}
