//! Writes a deterministic folder of realistic invented briefings:
//! `cargo run --release --example gen_corpus -- DIR N [--seed S]`.

#[path = "support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut seed = 7u64;
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--seed" {
            match it.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage("--seed needs a number"),
            }
        } else {
            positional.push(a.clone());
        }
    }
    let [dir, n] = positional.as_slice() else {
        return usage("expected DIR and N");
    };
    let Ok(n) = n.parse::<usize>() else {
        return usage("N must be a number");
    };
    let started = Instant::now();
    match corpus::write(&PathBuf::from(dir), n, seed) {
        Ok(bytes) => {
            println!(
                "wrote {n} articles, {:.1} MB, to {dir} in {:.1}s",
                bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {dir}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage(why: &str) -> ExitCode {
    eprintln!("gen_corpus: {why}\nusage: gen_corpus DIR N [--seed S]");
    ExitCode::from(2)
}
