import BangtinCore
import Foundation

/// Decodes image assets ahead of time so `validate` catches truncated or mislabelled files.
public enum ImageProbe {
    /// Problems decoding the images a layout names, resolved against `root`.
    public static func problems(in layout: Layout, root: String) -> [Problem] {
        do {
            try SDLRuntime.start()
        } catch {
            return [Problem(path: "", message: "cannot start SDL to check images: \(error)")]
        }
        return layout.assetReferences.compactMap { reference -> Problem? in
            let path = (root as NSString).appendingPathComponent(reference.path)
            do throws(SDLError) {
                _ = try Surface.load(path: path)
                return nil
            } catch {
                return Problem(path: reference.jsonPath, message: "cannot decode image \(reference.path): \(error.message)")
            }
        }
    }
}
