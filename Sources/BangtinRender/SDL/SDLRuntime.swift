import CSDL2
import CSDL2Image
import CSDL2TTF
import Foundation
import Synchronization

/// Process-wide initialisation of SDL, SDL_ttf and SDL_image, done once.
public enum SDLRuntime {
    /// What has been started.
    private static let state = Mutex((started: false, videoStarted: false))

    /// Starts SDL's libraries for headless rendering (no display needed).
    public static func start() throws(SDLError) {
        try state.withLock { state throws(SDLError) in
            if state.started { return }
            try sdlCheck(SDL_Init(0), "SDL_Init")
            try sdlCheck(TTF_Init(), "TTF_Init")
            let wanted = Int32(IMG_INIT_PNG.rawValue | IMG_INIT_JPG.rawValue | IMG_INIT_WEBP.rawValue)
            _ = IMG_Init(wanted)  // Missing codecs show up as load errors for those files only.
            state.started = true
        }
    }

    /// Starts the video subsystem too, for a window.
    public static func startVideo() throws(SDLError) {
        try start()
        try state.withLock { state throws(SDLError) in
            if state.videoStarted { return }
            try startVideoOnce()
            state.videoStarted = true
        }
    }

    private static func startVideoOnce() throws(SDLError) {
        SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0")
        SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0")
        // Window surfaces go straight to the display (X11 shared memory), not through an
        // OpenGL texture: without a GPU that detour costs 8× the CPU and 100 MB.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0")
        try sdlCheck(SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS), "SDL_InitSubSystem(VIDEO)")
    }

    /// Whether SDL_image can decode WebP on this machine.
    public static var supportsWebP: Bool {
        guard (try? start()) != nil else { return false }
        return IMG_Init(Int32(IMG_INIT_WEBP.rawValue)) & Int32(IMG_INIT_WEBP.rawValue) != 0
    }
}
