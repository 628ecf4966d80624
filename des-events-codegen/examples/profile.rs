//! A driver for profiling the engine and checking that an optimization keeps its output.
//!
//! ```sh
//! cargo build --release -p des-events-codegen --example profile
//! # instruction counts of one `generate` on a synthetic schema of 200 events:
//! valgrind --tool=callgrind target/release/examples/profile 200
//! # the same, without the expansion (load, model, check):
//! valgrind --tool=callgrind target/release/examples/profile 200 check
//! # the bundled DES schema as `des_events` expands it (with its replies), 100 times:
//! valgrind --tool=callgrind target/release/examples/profile 100 bundled
//! # token counts by kind of generated item:
//! target/release/examples/profile 100 stats
//! # the raw tokens of every bundled and test schema, to compare before and after:
//! target/release/examples/profile 0 dump > before.txt
//! # the same for schema files (e.g. the real-world corpus):
//! target/release/examples/profile 0 dump-files tests/corpus/real-world/*.json > before.txt
//! # the time of generating a file, 5 times:
//! target/release/examples/profile 5 file path/to/schema.json
//! # a synthetic schema of the shape of large real-world ones, of 2,000 KB:
//! target/release/examples/profile 2000 large
//! target/release/examples/profile 2000 large-check   # without the expansion
//! target/release/examples/profile 2000 large-text > large.json   # its text
//! ```

use std::collections::BTreeMap;

use des_events_codegen::{Request, Source, TokenStream, generate, synthetic};
use proc_macro2::{Delimiter, TokenTree};

fn main() {
    let mut args = std::env::args().skip(1);
    let events = args.next().and_then(|arg| arg.parse().ok()).unwrap_or(200);
    let mode = args.next().unwrap_or_default();
    match mode.as_str() {
        "dump" => dump(),
        "bundled" => bundled(events),
        "stats" => stats(events),
        "file" => file(events, &args.next().unwrap_or_default()),
        "dump-files" => {
            for path in args {
                match generate(&Request::new(Source::file(&path, &path))) {
                    Ok(generated) => println!("{}", generated.tokens()),
                    Err(err) => println!("{err}"),
                }
            }
        }
        "large" | "large-check" => large(events, mode == "large-check"),
        "large-text" => print!("{}", synthetic::definitions(events * 1000)),
        _ => {
            let mut request = Request::new(Source::text(
                "synthetic.json",
                synthetic::event_union(events),
            ));
            if mode == "check" {
                request = request.check_only();
            }
            match generate(&request) {
                Ok(generated) => println!(
                    "{events} events, {} top-level token trees",
                    generated.tokens().clone().into_iter().count()
                ),
                Err(err) => eprintln!("{err}"),
            }
        }
    }
}

/// Generates the schema file at `path` `times` times, printing the time of each run.
fn file(times: usize, path: &str) {
    let request = Request::new(Source::file(path, path));
    for _ in 0..times.max(1) {
        let start = std::time::Instant::now();
        let outcome = generate(&request);
        let elapsed = start.elapsed();
        match outcome {
            Ok(generated) => println!(
                "{path}: generated, {} top-level token trees, {elapsed:.3?}",
                generated.tokens().clone().into_iter().count()
            ),
            Err(err) => println!("{path}: refused ({} problems), {elapsed:.3?}", err.0.len()),
        }
    }
}

/// Generates a synthetic schema of the shape of large real-world ones, of `kilobytes`
/// KB (`synthetic::definitions`), printing the time.
fn large(kilobytes: usize, check: bool) {
    let text = synthetic::definitions(kilobytes * 1000);
    let size = text.len();
    let mut request = Request::new(Source::text("large.json", text));
    if check {
        request = request.check_only();
    }
    let start = std::time::Instant::now();
    let outcome = generate(&request);
    let elapsed = start.elapsed();
    match outcome {
        Ok(generated) => println!(
            "{size} bytes: generated, {} types, {} top-level token trees, {elapsed:.3?}",
            generated.schema().types.len(),
            generated.tokens().clone().into_iter().count()
        ),
        Err(err) => println!("{size} bytes: refused, {elapsed:.3?}\n{err}"),
    }
}

/// Expands the bundled DES schema `times` times, as `des_events` does.
fn bundled(times: usize) {
    let root = env!("CARGO_MANIFEST_DIR");
    let file = |name: &str| {
        Source::file(
            format!("{root}/../des-events/schema/{name}"),
            format!("schema/{name}"),
        )
    };
    let module: TokenStream = "crate::partner".parse().unwrap_or_default();
    let request = Request::new(file("des-events.schema.json"))
        .replies(file("partner-events.schema.json"), module);
    let mut trees = 0;
    for _ in 0..times {
        match generate(&request) {
            Ok(generated) => trees += generated.tokens().clone().into_iter().count(),
            Err(err) => eprintln!("{err}"),
        }
    }
    println!("{times} expansions, {trees} top-level token trees");
}

/// Prints the raw tokens (or the diagnostics) of the bundled schemas and of every test
/// schema, under the options that change the output.
fn dump() {
    let root = env!("CARGO_MANIFEST_DIR");
    let bundled = |name: &str| {
        Source::file(
            format!("{root}/../des-events/schema/{name}"),
            format!("schema/{name}"),
        )
    };
    let partner = || bundled("partner-events.schema.json");
    let des = || bundled("des-events.schema.json");
    let module: TokenStream = "crate::partner".parse().unwrap_or_default();
    let synthetic = || Source::text("synthetic.json", synthetic::event_union(7));
    let mut requests = vec![
        Request::new(partner()),
        Request::new(partner()).catch_all(true),
        Request::new(des()).replies(partner(), module),
        Request::new(des()).catch_all(true).tests(false),
        Request::new(synthetic()),
        Request::new(synthetic()).catch_all(true),
    ];
    for dir in [
        "differential/accepted",
        "differential/rejected",
        "ui/schemas",
        "ui/pass/schemas",
    ] {
        let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/../tests/{dir}"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension == "json")
            })
            .collect();
        paths.sort();
        for path in paths {
            let shown = path.display().to_string();
            requests.push(Request::new(Source::file(path.clone(), shown.clone())));
            requests.push(Request::new(Source::file(path, shown)).catch_all(true));
        }
    }
    for request in &requests {
        match generate(request) {
            Ok(generated) => println!("{}", generated.tokens()),
            Err(err) => println!("{err}"),
        }
    }
}

/// Token counts (identifiers, punctuation, literals, groups, literal bytes) by kind of
/// top-level item of a synthetic schema's expansion (digits removed from the names).
fn stats(events: usize) {
    fn count(stream: TokenStream, totals: &mut [usize; 5]) {
        for tree in stream {
            match tree {
                TokenTree::Ident(_) => totals[0] += 1,
                TokenTree::Punct(_) => totals[1] += 1,
                TokenTree::Literal(literal) => {
                    totals[2] += 1;
                    totals[4] += literal.to_string().len();
                }
                TokenTree::Group(group) => {
                    totals[3] += 1;
                    count(group.stream(), totals);
                }
            }
        }
    }
    let request = Request::new(Source::text(
        "synthetic.json",
        synthetic::event_union(events),
    ));
    let generated = match generate(&request) {
        Ok(generated) => generated,
        Err(err) => {
            eprintln!("{err}");
            return;
        }
    };
    let mut kinds: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    let mut all = [0; 5];
    let mut item: Vec<TokenTree> = Vec::new();
    for tree in generated.tokens().clone() {
        let end = match &tree {
            TokenTree::Group(group) => group.delimiter() == Delimiter::Brace,
            TokenTree::Punct(punct) => punct.as_char() == ';',
            _ => false,
        };
        item.push(tree);
        if !end {
            continue;
        }
        let stream: TokenStream = item.drain(..).collect();
        let text = stream.to_string();
        let head = text.split(" {").next().unwrap_or_default();
        let key: String = head
            .rsplit("] ")
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|ch| !ch.is_ascii_digit())
            .take(120)
            .collect();
        let mut totals = [0; 5];
        count(stream, &mut totals);
        for (sum, add) in kinds.entry(key).or_default().iter_mut().zip(totals) {
            *sum += add;
        }
        for (sum, add) in all.iter_mut().zip(totals) {
            *sum += add;
        }
    }
    println!("[idents, puncts, literals, groups, literal bytes] item");
    println!("{all:?} (all)");
    for (key, totals) in kinds {
        println!("{totals:?} {key}");
    }
}
