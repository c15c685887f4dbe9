//! `factdesk`: the workbench window, or a headless subcommand.

use clap::Parser;
use factdesk::cli::{Cli, run};

/// mimalloc instead of the system allocator: claim finding makes many small, short-lived
/// allocations on several threads, where it is markedly faster than glibc's malloc (see
/// BENCHMARKS.md). Chosen here, in the binary, so the library imposes no allocator on
/// programs that embed it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let process_start = std::time::Instant::now();
    // `factdesk exract a.txt` would reach clap as a file and a stray argument: catch a first
    // word that is neither a subcommand nor a file before clap does, and say what it is.
    if let Some(first) = std::env::args_os().nth(1)
        && !first.to_string_lossy().starts_with('-')
        && let Some(problem) = factdesk::cli::not_openable(std::path::Path::new(&first))
        && !factdesk::cli::is_subcommand(&first.to_string_lossy())
    {
        eprintln!("factdesk: error: {problem}");
        return std::process::ExitCode::from(2);
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => {
            without_huge_pages();
            let stdout = StandardOutput(std::io::stdout().lock());
            let mut out = std::io::BufWriter::new(stdout);
            run(command, &mut out)
                .and_then(|()| std::io::Write::flush(&mut out).map_err(Into::into))
        }
        None => factdesk::ui::run(cli.file, process_start),
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

/// A headless command lives for a second or so. Transparent huge pages (which mimalloc
/// asks for) make its first touch of memory zero 2 MiB at a time, and after a pause the
/// kernel may compact memory to find them: `extract` on a 21 MB article took 0.34–0.43 s
/// with them after a pause and 0.33–0.35 s without (BENCHMARKS.md), more than fewer TLB
/// misses give back. The window, which lives long, keeps them.
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours; if
    // the kernel refuses, nothing changes.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Standard output whose errors say that writing the output failed ("No space left on
/// device" alone does not say which file was full), keeping their kind (a closed pipe is
/// still recognised below).
struct StandardOutput<W>(W);

impl<W: std::io::Write> std::io::Write for StandardOutput<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf).map_err(output_error)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(output_error)
    }
}

fn output_error(e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("could not write the output: {e}"))
}

/// `factdesk extract … | head` closing the pipe early is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
