fn main() -> std::process::ExitCode {
    tenor::cli::run()
}
