import CSDL2

/// A failed SDL, SDL_ttf or SDL_image call, with SDL's own message.
public struct SDLError: Error, CustomStringConvertible, Sendable {
    /// The C function that failed.
    public var call: String
    /// `SDL_GetError()` at the time of failure.
    public var message: String

    public var description: String { "\(call) failed: \(message)" }

    /// Captures the current SDL error for `call`.
    static func current(_ call: String) -> SDLError {
        SDLError(call: call, message: String(cString: SDL_GetError()))
    }
}

/// Turns an SDL status code (0 success, negative failure) into a typed error; the one place
/// C status codes are checked.
@discardableResult
func sdlCheck(_ status: Int32, _ call: String) throws(SDLError) -> Int32 {
    if status < 0 { throw SDLError.current(call) }
    return status
}

/// Turns a possibly-null pointer returned by SDL into a typed error.
func sdlNonNull<T>(_ pointer: T?, _ call: String) throws(SDLError) -> T {
    guard let pointer else { throw SDLError.current(call) }
    return pointer
}
