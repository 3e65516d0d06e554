import BangtinContent
import BangtinCore
import Foundation

/// Reads and decodes a layout's pictures ahead of time, so `validate` catches what `render`
/// would draw as a placeholder: a truncated or mislabelled file, one declaring too many pixels.
public enum ImageProbe {
    /// Problems reading or decoding the pictures a layout names, resolved against `root`.
    public static func problems(in layout: Layout, root: String) -> [Problem] {
        do {
            try SDLRuntime.start()
        } catch {
            return [Problem(path: "", message: "cannot start SDL to check images: \(error)")]
        }
        return layout.assetReferences.compactMap { reference -> Problem? in
            do throws(SDLError) {
                _ = try PictureFile.decode(reference.path, root: root)
                return nil
            } catch {
                return Problem(path: reference.jsonPath, message: "cannot decode image \(reference.path): \(error.message)")
            }
        }
    }
}

/// A content picture: read by the safe reader from inside its layout's folder, its header
/// checked, decoded from memory.
enum PictureFile {
    /// The picture at `path` (relative to `root`), 32-bit ARGB.
    static func decode(_ path: String, root: String) throws(SDLError) -> Surface {
        let bytes: [UInt8]
        do {
            bytes = try ContentFile.read(
                (root as NSString).appendingPathComponent(path), kind: .picture, inside: root, folder: "the layout's folder")
        } catch {
            throw SDLError(call: "read", message: "\(path) \(error)")
        }
        // Decoding from memory shares nothing between threads: the preparation thread decodes
        // while the frame loop draws.
        return try Surface.decode(picture: bytes)
    }
}
