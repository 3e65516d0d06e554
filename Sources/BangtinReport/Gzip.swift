import CZlib

/// gzip for uploaded batches (`report.gzip`): deterministic (no name, no time in the header, so
/// a batch sent again is the same bytes) and read back with a cap (`plays table`), so a small
/// file that inflates to gigabytes is refused instead of filling memory.
public enum Gzip {
    /// Why a gzip file could not be read.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// `bytes` as a gzip file (RFC 1952), at zlib's default level.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: a gzip wrapper, with zlib's header fields left at zero (no name, no mtime).
        let started = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        precondition(started == Z_OK, "deflateInit2: \(started)")
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(bytes.count))) + 32
        var out = [UInt8](repeating: 0, count: bound)
        let written = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = UInt32(output.count)
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate: \(status)")
                return output.count - Int(stream.avail_out)
            }
        }
        out.removeSubrange(written...)
        return out
    }

    /// Whether `bytes` start like a gzip file.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The bytes of the gzip file `bytes`, at most `limit` of them.
    /// - Throws: `Failure` for a damaged file, or one that inflates past `limit`.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "cannot start inflating")
        }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let outcome = bytes.withUnsafeBufferPointer { input -> String? in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard out.count + produced <= limit else { return "inflates to more than \(limit) bytes" }
                out += chunk[..<produced]
                switch status {
                case Z_STREAM_END: return nil
                case Z_OK: continue
                case Z_BUF_ERROR where stream.avail_in == 0: return "cut short (the file ends inside the compressed data)"
                default: return "damaged (zlib: \(status))"
                }
            }
        }
        if let outcome { throw Failure(description: outcome) }
        return out
    }
}
