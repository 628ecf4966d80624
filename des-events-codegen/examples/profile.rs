//! Runs `generate` once on a synthetic schema, for profilers:
//! `cargo build --release -p des-events-codegen --example profile` then
//! `valgrind --tool=callgrind target/release/examples/profile 200`.

use des_events_codegen::{Request, Source, generate, synthetic};

/// With `PROBE_LARGE=1`, prints where memory blocks of 64 KiB or more are freed (glibc
/// consolidates its small free lists on each such free).
struct Probe;

thread_local! {
    static INSIDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

static PROBE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

unsafe impl std::alloc::GlobalAlloc for Probe {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        if layout.size() >= 65536 && PROBE.load(std::sync::atomic::Ordering::Relaxed) {
            INSIDE.with(|inside| {
                if !inside.get() {
                    inside.set(true);
                    let trace = std::backtrace::Backtrace::force_capture().to_string();
                    let frames: Vec<&str> = trace
                        .lines()
                        .filter(|line| {
                            line.contains("des_events_codegen")
                                || line.contains("proc_macro2")
                                || line.contains("quote")
                        })
                        .take(4)
                        .collect();
                    eprintln!("free {} at {}", layout.size(), frames.join(" | "));
                    inside.set(false);
                }
            });
        }
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Probe = Probe;

fn main() {
    let events = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(200);
    let mode = std::env::args().nth(2).unwrap_or_default();
    if std::env::var_os("PROBE_LARGE").is_some() {
        PROBE.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    if mode == "stats" {
        stats(events);
        return;
    }
    if mode == "pretty" {
        let request = Request::new(Source::text(
            "synthetic.json",
            synthetic::event_union(events),
        ));
        if let Ok(generated) = generate(&request) {
            println!("{}", generated.pretty().unwrap_or_default());
        }
        return;
    }
    if mode == "reparse" {
        let request = Request::new(Source::text(
            "synthetic.json",
            synthetic::event_union(events),
        ));
        let Ok(generated) = generate(&request) else {
            return;
        };
        let text = generated.tokens().to_string();
        drop(generated);
        let start = std::time::Instant::now();
        let parsed: des_events_codegen::TokenStream = text.parse().unwrap_or_default();
        let count = parsed.clone().into_iter().count();
        drop(parsed);
        eprintln!("reparse {count} trees in {:?}", start.elapsed());
        return;
    }
    if mode == "dups" {
        let text = match std::env::args().nth(3) {
            Some(path) => std::fs::read_to_string(path).unwrap_or_default(),
            None => synthetic::event_union(events),
        };
        dups(text);
        return;
    }
    if mode == "micro" {
        micro(events);
        return;
    }
    if mode == "dump" {
        dump();
        return;
    }
    let text = synthetic::event_union(events);
    let mut request = Request::new(Source::text("synthetic.json", text));
    if mode == "check" {
        request = request.check_only();
    }
    match generate(&request) {
        Ok(generated) => {
            if mode == "text" {
                let text = generated.tokens().to_string();
                println!("{events} events, {} bytes of tokens", text.len());
            } else {
                println!(
                    "{events} events, {} top-level token trees",
                    generated.tokens().clone().into_iter().count()
                );
            }
        }
        Err(err) => eprintln!("{err}"),
    }
}

/// Prints the raw token text of the bundled schemas and of a synthetic one under every
/// option, to compare an optimization's output byte for byte.
fn dump() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/");
    let file = |name: &str| Source::file(format!("{root}{name}"), format!("schema/{name}"));
    let partner = || file("partner-events.schema.json");
    let des = || file("des-events.schema.json");
    let module: des_events_codegen::TokenStream = "crate::partner".parse().unwrap_or_default();
    let requests = [
        Request::new(partner()),
        Request::new(partner()).catch_all(true),
        Request::new(des()).replies(partner(), module.clone()),
        Request::new(des()).catch_all(true).tests(false),
        Request::new(Source::text("synthetic.json", synthetic::event_union(7))),
        Request::new(Source::text("synthetic.json", synthetic::event_union(7))).catch_all(true),
    ];
    let mut requests = requests.to_vec();
    for dir in [
        "differential/accepted",
        "differential/rejected",
        "ui/schemas",
        "ui/pass/schemas",
    ] {
        let dir = format!("{}/../tests/{dir}", env!("CARGO_MANIFEST_DIR"));
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
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

/// Token counts (idents, puncts, literals, groups, literal bytes) per kind of top-level
/// item of a synthetic schema's expansion.
fn stats(events: usize) {
    use des_events_codegen::TokenStream;
    use proc_macro2::TokenTree;
    fn count(stream: TokenStream, totals: &mut [usize; 5]) {
        for tree in stream {
            match tree {
                TokenTree::Ident(_) => totals[0] += 1,
                TokenTree::Punct(_) => totals[1] += 1,
                TokenTree::Literal(lit) => {
                    totals[2] += 1;
                    totals[4] += lit.to_string().len();
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
    let Ok(generated) = generate(&request) else {
        return;
    };
    let mut kinds: std::collections::BTreeMap<String, [usize; 5]> = Default::default();
    let mut item: Vec<TokenTree> = Vec::new();
    let mut all = [0usize; 5];
    for tree in generated.tokens().clone() {
        let end = matches!(&tree, TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace)
            || matches!(&tree, TokenTree::Punct(p) if p.as_char() == ';');
        item.push(tree);
        if end {
            let stream: TokenStream = item.drain(..).collect();
            let text = stream.to_string();
            let key = text
                .split(" {")
                .next()
                .unwrap_or_default()
                .rsplit("] ")
                .next()
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .take(160)
                .collect::<String>();
            let entry = kinds.entry(key).or_default();
            let mut totals = [0usize; 5];
            count(stream, &mut totals);
            for (sum, add) in entry.iter_mut().zip(totals) {
                *sum += add;
            }
            for (sum, add) in all.iter_mut().zip(totals) {
                *sum += add;
            }
        }
    }
    println!("idents puncts literals groups literal-bytes  item");
    println!("{all:?} total");
    for (key, totals) in kinds {
        println!("{totals:?} {key}");
    }
}

#[inline(never)]
fn micro_quote(n: usize) -> des_events_codegen::TokenStream {
    let mut out = des_events_codegen::TokenStream::new();
    for _ in 0..n {
        out.extend(quote::quote!(::core::option::Option::None,));
    }
    out
}

#[inline(never)]
fn micro_vec(n: usize) -> des_events_codegen::TokenStream {
    use proc_macro2::{Ident, Punct, Spacing, Span, TokenTree};
    let mut out: Vec<TokenTree> = Vec::new();
    for _ in 0..n {
        for name in ["core", "option", "Option", "None"] {
            out.push(Punct::new(':', Spacing::Joint).into());
            out.push(Punct::new(':', Spacing::Alone).into());
            out.push(Ident::new(name, Span::call_site()).into());
        }
        out.push(Punct::new(',', Spacing::Alone).into());
    }
    out.into_iter().collect()
}

#[inline(never)]
fn micro_cached(n: usize) -> des_events_codegen::TokenStream {
    let cached = quote::quote!(::core::option::Option::None,);
    let mut out = des_events_codegen::TokenStream::new();
    for _ in 0..n {
        out.extend(cached.clone());
    }
    out
}

#[inline(never)]
fn deep_clone(stream: &des_events_codegen::TokenStream) -> des_events_codegen::TokenStream {
    use proc_macro2::{Group, TokenTree};
    let mut out: Vec<TokenTree> = Vec::new();
    for tree in stream.clone() {
        out.push(match tree {
            TokenTree::Group(group) => {
                Group::new(group.delimiter(), deep_clone(&group.stream())).into()
            }
            TokenTree::Ident(ident) => TokenTree::Ident(ident.clone()),
            other => other,
        });
    }
    out.into_iter().collect()
}

#[inline(never)]
fn drop_it(stream: des_events_codegen::TokenStream) {
    drop(stream);
}

fn micro(n: usize) {
    let request = Request::new(Source::text("synthetic.json", synthetic::event_union(n)));
    let Ok(generated) = generate(&request) else {
        return;
    };
    let copy = deep_clone(generated.tokens());
    drop_it(copy);

    let a = micro_quote(n);
    let b = micro_vec(n);
    let c = micro_cached(n);
    println!(
        "{} {} {}",
        a.into_iter().count(),
        b.into_iter().count(),
        c.into_iter().count()
    );
}

/// How many tokens sit in groups that repeat an earlier group exactly.
fn dups(text: String) {
    use proc_macro2::TokenTree;
    use std::collections::HashMap;
    fn size(stream: &des_events_codegen::TokenStream) -> usize {
        stream
            .clone()
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Group(group) => 1 + size(&group.stream()),
                _ => 1,
            })
            .sum()
    }
    fn walk(stream: des_events_codegen::TokenStream, seen: &mut HashMap<String, (usize, usize)>) {
        for tree in stream {
            if let TokenTree::Group(group) = tree {
                let key = group.to_string();
                let entry = seen.entry(key).or_insert((0, size(&group.stream()) + 1));
                entry.0 += 1;
                if entry.0 == 1 {
                    walk(group.stream(), seen);
                }
            }
        }
    }
    let request = Request::new(Source::text("schema.json", text));
    let generated = match generate(&request) {
        Ok(generated) => generated,
        Err(err) => {
            eprintln!("{err}");
            return;
        }
    };
    let total = size(generated.tokens());
    let mut seen = HashMap::new();
    walk(generated.tokens().clone(), &mut seen);
    let saved: usize = seen.values().map(|(count, size)| (count - 1) * size).sum();
    println!("{total} tokens; {saved} in repeated groups (outermost repeats counted once)");
    let mut top: Vec<_> = seen
        .iter()
        .map(|(key, (count, size))| ((count - 1) * size, *count, key))
        .collect();
    top.sort_by(|a, b| b.0.cmp(&a.0));
    for (saved, count, key) in top.iter().take(25) {
        let short: String = key.chars().take(110).collect();
        println!("{saved:>8} {count:>6}x  {short}");
    }
}
