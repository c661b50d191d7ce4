internal import Crypto

/// SHA-256 (FIPS 180-4), for stage cache keys and annotation cache keys, computed by swift-crypto (CryptoKit on
/// Apple platforms, BoringSSL elsewhere): Foundation on Linux has no digest, and a 256-bit hash makes accidental
/// key collisions between recipes a non-issue. The hex form is what every cache key is made of, so it must not
/// change (`SHA256Tests` pins it).
public enum SHA256 {
    /// The digest of `bytes` as 32 bytes.
    public static func digest<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: Array(bytes)))
    }

    /// The digest of a string's UTF-8 bytes, in lowercase hex.
    public static func hex(_ text: String) -> String {
        hex(bytes: Array(text.utf8))
    }

    /// The digest of bytes, in lowercase hex.
    public static func hex<Bytes: Collection<UInt8>>(bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef")
        return digest(bytes).map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined()
    }
}
