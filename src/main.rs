//! `factdesk`: the workbench window, or a headless subcommand.

use clap::Parser;
use factdesk::cli::{Cli, run};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            run(command, &mut out)
                .and_then(|()| std::io::Write::flush(&mut out).map_err(Into::into))
        }
        None => factdesk::ui::run(cli.file),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => std::process::ExitCode::SUCCESS,
        Err(err) if err.is::<factdesk::cli::Exit>() => {
            let exit = err.downcast::<factdesk::cli::Exit>().expect("checked");
            eprintln!("factdesk: {}", exit.message);
            std::process::ExitCode::from(exit.code)
        }
        Err(err) => {
            eprintln!("factdesk: error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// `factdesk extract … | head` closing the pipe early is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
