//! HTML to readable text: the article's paragraphs, without scripts, styles, navigation or markup.

use scraper::{Html, Node};

/// Elements whose whole subtree is page furniture, never article prose.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "svg", "iframe", "object", "canvas", "figure", "menu", "dialog", "head",
];

/// Elements that start a new paragraph in the extracted text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "hr",
    "address",
    "body",
    "caption",
    "details",
    "summary",
];

/// Returns the article text (paragraphs separated by blank lines) and the page title.
///
/// When the page has an `<article>` (or failing that `<main>`) element, only it is read: that is
/// where publishers put the story, and it leaves out sidebars, teasers and comment sections.
pub fn to_text(source: &str) -> (String, Option<String>) {
    let doc = Html::parse_document(source);
    let title = element_text(&doc, "title").or_else(|| element_text(&doc, "h1"));
    let root = ["article", "main"]
        .iter()
        .find_map(|name| {
            doc.tree
                .root()
                .descendants()
                .find(|n| n.value().as_element().is_some_and(|e| e.name() == *name))
        })
        .unwrap_or_else(|| doc.tree.root());

    let mut out = String::with_capacity(source.len() / 2);
    // Explicit stack: hostile, deeply nested pages must not overflow the call stack.
    let mut stack = vec![(root, false)];
    let mut pre_depth = 0usize;
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Element(el) => {
                let name = el.name();
                if closing {
                    if name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if BLOCKS.contains(&name) {
                        paragraph_break(&mut out);
                    }
                    continue;
                }
                if SKIPPED.contains(&name) || el.attr("hidden").is_some() {
                    continue;
                }
                if name == "br" {
                    trim_trailing_spaces(&mut out);
                    out.push('\n');
                    continue;
                }
                if BLOCKS.contains(&name) {
                    paragraph_break(&mut out);
                }
                if name == "pre" {
                    pre_depth += 1;
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            Node::Text(t) if !closing => {
                if pre_depth > 0 {
                    out.push_str(t);
                } else {
                    push_collapsed(&mut out, t);
                }
            }
            Node::Document | Node::Fragment if !closing => {
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    let text = out.trim().to_string();
    (text, title)
}

fn element_text(doc: &Html, name: &str) -> Option<String> {
    let node = doc
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == name))?;
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            push_collapsed(&mut s, t);
        }
    }
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// HTML whitespace rules: runs of whitespace are one space, and none at a paragraph start.
fn push_collapsed(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        let at_line_start = out.is_empty() || out.ends_with('\n');
        let needs_space = if i == 0 {
            text.starts_with(char::is_whitespace) && !at_line_start && !out.ends_with(' ')
        } else {
            true
        };
        if needs_space && !at_line_start {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(['\n', ' ']) {
        out.push(' ');
    }
}

fn trim_trailing_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

fn paragraph_break(out: &mut String) {
    trim_trailing_spaces(out);
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_paragraphs_drops_furniture() {
        let page = r#"<!doctype html><html><head><title>Big  news</title>
            <style>p { color: red }</style><script>var x = "said 90%";</script></head>
            <body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
            <h1>Headline</h1>
            <p>The council   approved the plan on <b>Monday</b>.</p>
            <p>It will cost $5&nbsp;million, officials said.<br>Second line.</p>
            <footer>© 2025 Paper</footer></body></html>"#;
        let (text, title) = to_text(page);
        assert_eq!(title.as_deref(), Some("Big news"));
        assert_eq!(
            text,
            "Headline\n\nThe council approved the plan on Monday.\n\nIt will cost $5 million, officials said.\nSecond line."
        );
    }

    #[test]
    fn prefers_article_element() {
        let page = "<html><body><div>Teaser: other story.</div><article><p>Real story.</p></article></body></html>";
        assert_eq!(to_text(page).0, "Real story.");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Deep enough to overflow a recursive walk on a 2 MB test-thread stack.
        let page = format!("{}text{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        assert_eq!(to_text(&page).0, "text");
    }
}
