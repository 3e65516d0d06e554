import ArgumentParser
import BangtinCore

/// The `bangtin` command: a player for Vietnamese public electronic boards.
public struct Bangtin: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bangtin",
        abstract: "Player for public electronic boards (bảng tin điện tử công cộng).",
        version: "bangtin \(BangtinVersion.current)",
        subcommands: [
            RenderCommand.self, ValidateCommand.self, PlanCommand.self, PreviewCommand.self, PlayCommand.self, DemoCommand.self,
            KeygenCommand.self, PackCommand.self, SyncCommand.self, AlertCommand.self, StatusCommand.self,
            PlaysCommand.self,
        ])

    public init() {}
}
