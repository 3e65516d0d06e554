import Foundation

/// Text preparation shared by every item that shows words.
public enum VietnameseText {
    /// NFC normal form: Vietnamese typed on different keyboards arrives as precomposed (NFC) or
    /// decomposed (NFD) sequences; shaping NFC gives fonts' precomposed glyphs, so both look identical.
    public static func normalized(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
    }
}
