//! The hand-written declarations of src/lib.rs against the installed `fastlinalg.h` (found by
//! build.rs): every header function is declared with the same parameter and return types,
//! nothing else is declared, and every enumerator and version number has the header's value.
//! This keeps the crate free of bindgen (and libclang) while a stale declaration still fails.

use std::collections::BTreeMap;

const RUST_SOURCE: &str = include_str!("../src/lib.rs");

/// name -> (return type, parameter types), all in normalized C spelling
/// ("const fl_factor *", "int64_t", "void").
type Prototypes = BTreeMap<String, (String, Vec<String>)>;

fn header() -> Option<String> {
    let dir = option_env!("FASTLINALG_INCLUDE_DIR")?;
    Some(
        std::fs::read_to_string(format!("{}/fastlinalg/fastlinalg.h", dir))
            .expect("read the header"),
    )
}

fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = &rest[start + 2..];
        rest = &rest[rest.find("*/").expect("closed comment") + 2..];
    }
    out.push_str(rest);
    out
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "const fl_factor *factor" -> "const fl_factor *"; "int64_t rows" -> "int64_t".
fn c_param_type(param: &str) -> String {
    let param = squash(param);
    match param.find('*') {
        Some(star) => format!(
            "{} {}",
            param[..star].trim(),
            "*".repeat(param.matches('*').count())
        ),
        None => param.rsplit_once(' ').expect("type and name").0.to_string(),
    }
}

fn header_prototypes(text: &str) -> Prototypes {
    let text = without_comments(text);
    let mut protos = Prototypes::new();
    for piece in text.split("\nFL_API ").skip(1) {
        let decl = &piece[..piece.find(';').expect("declaration ends")];
        let open = decl.find('(').expect("parameter list");
        let head = decl[..open].replace('*', " * ");
        let (ret, name) = squash(&head)
            .rsplit_once(' ')
            .map(|(r, n)| (r.to_string(), n.to_string()))
            .unwrap();
        let ret = match ret.find('*') {
            Some(star) => format!(
                "{} {}",
                ret[..star].trim(),
                "*".repeat(ret.matches('*').count())
            ),
            None => ret,
        };
        let params = &decl[open + 1..decl.rfind(')').unwrap()];
        let params = if squash(params) == "void" {
            vec![]
        } else {
            params.split(',').map(c_param_type).collect()
        };
        protos.insert(name, (ret, params));
    }
    protos
}

/// The Rust spellings that pass a C type.
fn rust_spellings(c: &str) -> Vec<String> {
    let stars = c.matches('*').count();
    let is_const = c.starts_with("const ");
    let base = c.trim_start_matches("const ").trim_end_matches('*').trim();
    let values: Vec<&str> = match base {
        "int64_t" => vec!["i64"],
        "int32_t" => vec!["i32"],
        "int" => vec!["c_int", "i32"],
        "double" => vec!["c_double", "f64"],
        "char" => vec!["c_char"],
        "void" if stars == 0 => vec!["()"],
        "void" => vec!["c_void"],
        other => vec![other],
    };
    values
        .into_iter()
        .map(|b| {
            let mut t = b.to_string();
            for level in 0..stars {
                let qualifier = if is_const && level == 0 {
                    "*const "
                } else {
                    "*mut "
                };
                t = format!("{}{}", qualifier, t);
            }
            t
        })
        .collect()
}

/// name -> (return type, parameter types) of the `extern "C"` block, in Rust spelling.
fn rust_prototypes() -> BTreeMap<String, (String, Vec<String>)> {
    let start = RUST_SOURCE.find("extern \"C\" {").expect("an extern block");
    let block = &RUST_SOURCE[start..];
    let block = &block[..block.find("\n}").expect("the extern block ends")];
    let mut protos = BTreeMap::new();
    for piece in block.split("pub fn ").skip(1) {
        let decl = squash(&piece[..piece.find(';').expect("declaration ends")]);
        let open = decl.find('(').unwrap();
        let close = decl.rfind(')').unwrap();
        let name = decl[..open].to_string();
        let params = decl[open + 1..close]
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once(':').expect("name: type").1.trim().to_string())
            .collect();
        let ret = decl[close + 1..].trim().trim_start_matches("->").trim();
        protos.insert(
            name,
            (
                if ret.is_empty() {
                    "()".to_string()
                } else {
                    ret.to_string()
                },
                params,
            ),
        );
    }
    protos
}

/// Every `FL_NAME = value` of the header's enums and `#define FL_VERSION_*` numbers.
fn header_constants(text: &str) -> BTreeMap<String, i64> {
    let text = without_comments(text);
    let mut constants = BTreeMap::new();
    for block in text.split("typedef enum").skip(1) {
        let body = &block[block.find('{').unwrap() + 1..block.find('}').unwrap()];
        for item in body.split(',') {
            let (name, value) = item.split_once('=').expect("explicit enumerator values");
            constants.insert(
                name.trim().to_string(),
                value.trim().parse().expect("an integer"),
            );
        }
    }
    for line in text.lines() {
        let words: Vec<_> = line.split_whitespace().collect();
        if let ["#define", name, value] = words[..] {
            if let Ok(v) = value.parse() {
                constants.insert(name.to_string(), v);
            }
        }
    }
    constants
}

/// Every `pub const FL_NAME: type = <integer>;` of src/lib.rs.
fn rust_constants() -> BTreeMap<String, i64> {
    RUST_SOURCE
        .lines()
        .filter_map(|line| line.trim().strip_prefix("pub const "))
        .filter_map(|rest| {
            let (name, rest) = rest.split_once(':')?;
            let value = rest.split_once('=')?.1.trim().trim_end_matches(';');
            Some((name.trim().to_string(), value.parse().ok()?))
        })
        .collect()
}

#[test]
fn declarations_match_the_header() {
    let text = match header() {
        Some(text) => text,
        None => {
            eprintln!(
                "FASTLINALG_INCLUDE_DIR unknown (FASTLINALG_LIB_DIR without it): not checked"
            );
            return;
        }
    };
    let c = header_prototypes(&text);
    let rust = rust_prototypes();
    assert!(c.len() > 50, "parsed only {} header functions", c.len());
    let mut problems = Vec::new();
    for (name, (c_ret, c_params)) in &c {
        let (r_ret, r_params) = match rust.get(name) {
            Some(declared) => declared,
            None => {
                problems.push(format!(
                    "{} is declared in the header, not in src/lib.rs",
                    name
                ));
                continue;
            }
        };
        if !rust_spellings(c_ret).contains(r_ret) {
            problems.push(format!(
                "{} returns C `{}`, src/lib.rs says `{}`",
                name, c_ret, r_ret
            ));
        }
        if c_params.len() != r_params.len() {
            problems.push(format!(
                "{} takes {} parameters, src/lib.rs {}",
                name,
                c_params.len(),
                r_params.len()
            ));
            continue;
        }
        for (i, (cp, rp)) in c_params.iter().zip(r_params).enumerate() {
            if !rust_spellings(cp).contains(rp) {
                problems.push(format!(
                    "{} parameter {} is C `{}`, src/lib.rs says `{}`",
                    name,
                    i + 1,
                    cp,
                    rp
                ));
            }
        }
    }
    for name in rust.keys().filter(|n| !c.contains_key(*n)) {
        problems.push(format!(
            "src/lib.rs declares {}, which the header does not",
            name
        ));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn constants_match_the_header() {
    let text = match header() {
        Some(text) => text,
        None => return,
    };
    let c = header_constants(&text);
    let rust = rust_constants();
    assert!(c.len() > 40, "parsed only {} header constants", c.len());
    let mut problems = Vec::new();
    for (name, value) in &c {
        match rust.get(name) {
            Some(v) if v == value => {}
            Some(v) => problems.push(format!(
                "{} = {} in the header, {} in src/lib.rs",
                name, value, v
            )),
            None => problems.push(format!("{} = {} is missing from src/lib.rs", name, value)),
        }
    }
    for name in rust.keys().filter(|n| !c.contains_key(*n)) {
        problems.push(format!(
            "src/lib.rs has {}, which the header does not",
            name
        ));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
