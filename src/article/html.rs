//! HTML to readable text: the article's paragraphs, without scripts, styles, navigation or markup.

use scraper::{Html, Node};

/// Elements whose whole subtree is page furniture, never article prose. (Not `figure`:
/// its caption is text of the story, listed as a caption; credits in it are furniture
/// the claim finder knows.) (A `match` on the
/// name: the compiler sorts the comparisons by length, where a list would be scanned.)
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "button"
            | "select"
            | "svg"
            | "iframe"
            | "object"
            | "canvas"
            | "menu"
            | "dialog"
            | "head"
    )
}

/// Elements that start a new paragraph in the extracted text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "hr"
            | "address"
            | "body"
            | "caption"
            | "figure"
            | "figcaption"
            | "details"
            | "summary"
    )
}

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

    let links = LinkDensity::of(root);
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
                    if is_block(name) {
                        paragraph_break(&mut out);
                    }
                    continue;
                }
                if is_skipped(name)
                    || el.attr("hidden").is_some()
                    || is_navigation(el)
                    || links.is_menu(node, name)
                    || is_skip_link(node, el)
                {
                    continue;
                }
                if name == "br" {
                    trim_trailing_spaces(&mut out);
                    out.push('\n');
                    continue;
                }
                if is_block(name) {
                    paragraph_break(&mut out);
                }
                if name == "pre" {
                    pre_depth += 1;
                }
                stack.push((node, true));
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            Node::Text(t) if !closing => {
                if pre_depth > 0 {
                    out.push_str(t);
                } else {
                    push_collapsed(&mut out, t);
                }
            }
            Node::Document | Node::Fragment if !closing => {
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    // Trimmed in place: a copy of a large page's text would cost as much as the trim.
    out.truncate(out.trim_end().len());
    let leading = out.len() - out.trim_start().len();
    out.drain(..leading);
    (out, title)
}

/// Words in `class`, `id` and `role` that mark navigation or page chrome (whole tokens of the
/// attribute, split at spaces, `-` and `_`: "site-nav", "skip-link", "breadcrumb").
const CHROME_TOKENS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "breadcrumb",
    "breadcrumbs",
    "skip",
    "skiplink",
    "sidebar",
    "share",
    "sharing",
    "social",
    "toolbar",
    "banner",
    "cookie",
    "cookies",
];

/// An element the page marks as navigation or chrome by its role, class or id.
fn is_navigation(el: &scraper::node::Element) -> bool {
    if el.attr("role").is_some_and(|r| {
        matches!(
            r.trim(),
            "navigation" | "menu" | "menubar" | "banner" | "contentinfo" | "search" | "toolbar"
        )
    }) || el.attr("aria-hidden") == Some("true")
    {
        return true;
    }
    ["class", "id"].iter().filter_map(|a| el.attr(a)).any(|v| {
        v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .any(|t| CHROME_TOKENS.iter().any(|c| c.eq_ignore_ascii_case(t)))
    })
}

/// An in-page link standing on its own, outside prose: "Jump to main content", "Back to top".
fn is_skip_link(node: ego_tree::NodeRef<'_, Node>, el: &scraper::node::Element) -> bool {
    let prose_beside = |n: Option<ego_tree::NodeRef<'_, Node>>| {
        n.is_some_and(|n| matches!(n.value(), Node::Text(t) if !t.trim().is_empty()))
    };
    el.name() == "a"
        && el.attr("href").is_some_and(|h| h.starts_with('#'))
        && !prose_beside(node.prev_sibling())
        && !prose_beside(node.next_sibling())
}

/// Per element: characters of text, characters inside links, number of links. Counted once
/// for the whole tree, children before parents, so judging an element costs a lookup.
struct LinkDensity(rustc_hash::FxHashMap<ego_tree::NodeId, (usize, usize, usize)>);

impl LinkDensity {
    fn of(root: ego_tree::NodeRef<'_, Node>) -> Self {
        // Node ids are small integers: a fast hash is enough.
        let mut stats = rustc_hash::FxHashMap::<ego_tree::NodeId, (usize, usize, usize)>::default();
        let nodes: Vec<_> = root.descendants().collect();
        // Reversed pre-order visits every node after all of its descendants.
        for node in nodes.into_iter().rev() {
            let own = match node.value() {
                Node::Text(t) => (visible_chars(t), 0, 0),
                Node::Element(el) if matches!(el.name(), "script" | "style") => continue,
                _ => {
                    let mut total = stats.remove(&node.id()).unwrap_or_default();
                    if node.value().as_element().is_some_and(|e| e.name() == "a") {
                        total.1 = total.0;
                        total.2 += 1;
                    }
                    total
                }
            };
            if let Some(parent) = node.parent() {
                let p = stats.entry(parent.id()).or_default();
                p.0 += own.0;
                p.1 += own.1;
                p.2 += own.2;
            }
            if node.value().is_element() {
                stats.insert(node.id(), own);
            }
        }
        LinkDensity(stats)
    }

    /// A block that is mostly links: a menu, a list of sections, "Jump to main content",
    /// download links ("MP4 MP3"). Prose with links in it has far more words than link text.
    fn is_menu(&self, node: ego_tree::NodeRef<'_, Node>, name: &str) -> bool {
        let Some(&(text, linked, links)) = self.0.get(&node.id()) else {
            return false;
        };
        if text == 0
            || !matches!(
                name,
                "ul" | "ol" | "div" | "section" | "p" | "table" | "dl" | "li" | "span"
            )
        {
            return false;
        }
        let dense = linked * 10 >= text * 7;
        // Several links that are nearly all of the text, or one short link standing alone.
        dense && (links >= 2 || (name != "li" && text <= 40))
    }
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
/// A page's whole text comes through here, so words separated by single spaces are copied
/// as one stretch, and whitespace is found by a byte table (see [`whitespace_at`]);
/// `push_collapsed_plain` in the tests is the plain definition it is checked against.
fn push_collapsed(out: &mut String, text: &str) {
    let mut words = Words { text, at: 0 };
    if let Some((start, mut end)) = words.next() {
        let at_line_start = out.is_empty() || out.ends_with('\n');
        if start > 0 && !at_line_start && !out.ends_with(' ') {
            out.push(' ');
        }
        let mut stretch = start;
        for (start, word_end) in words {
            if start != end + 1 || text.as_bytes()[end] != b' ' {
                out.push_str(&text[stretch..end]);
                out.push(' ');
                stretch = start;
            }
            end = word_end;
        }
        out.push_str(&text[stretch..end]);
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(['\n', ' ']) {
        out.push(' ');
    }
}

/// The byte ranges of the words of a text, as `split_whitespace` finds them.
struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        while i < bytes.len() {
            match whitespace_at(self.text, i) {
                0 => break,
                n => i += n,
            }
        }
        if i == bytes.len() {
            self.at = i;
            return None;
        }
        let start = i;
        // A byte that starts no whitespace is one step: continuation bytes never do.
        while i < bytes.len() && whitespace_at(self.text, i) == 0 {
            i += 1;
        }
        self.at = i;
        Some((start, i))
    }
}

/// What a byte can start: 0 nothing, 1 ASCII whitespace, 2 maybe whitespace (the lead bytes
/// of U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
const WHITESPACE_START: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut k = 0;
    let ascii = [b'\t', b'\n', 0x0b, 0x0c, b'\r', b' '];
    while k < ascii.len() {
        table[ascii[k] as usize] = 1;
        k += 1;
    }
    table[0xc2] = 2;
    table[0xe1] = 2;
    table[0xe2] = 2;
    table[0xe3] = 2;
    table
};

/// `t.chars().filter(|c| !c.is_whitespace()).count()`, for a page's whole text: bytes are
/// counted in a loop the compiler vectorises, and only the few characters that may be
/// non-ASCII whitespace are decoded.
fn visible_chars(t: &str) -> usize {
    let bytes = t.as_bytes();
    // Bytes that start a character (not UTF-8 continuation bytes) and are no ASCII space.
    // Bytes that start a character (not UTF-8 continuation bytes) and are no ASCII space;
    // `&` rather than `&&` leaves no branch, so the loop is vectorised.
    let not_ascii_space: usize = bytes
        .iter()
        .map(|&b| usize::from(((b as i8) >= -0x40) & (b != b' ') & (b.wrapping_sub(b'\t') >= 5)))
        .sum();
    let other_spaces = memchr::memchr3_iter(0xc2, 0xe1, 0xe2, bytes)
        .chain(memchr::memchr_iter(0xe3, bytes))
        .filter(|&i| whitespace_at(t, i) > 0)
        .count();
    not_ascii_space - other_spaces
}

/// The length of the whitespace character at byte `i` (a character boundary or a
/// continuation byte), or 0.
fn whitespace_at(text: &str, i: usize) -> usize {
    match WHITESPACE_START[usize::from(text.as_bytes()[i])] {
        0 => 0,
        1 => 1,
        _ => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
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

    /// The plain definition of [`push_collapsed`].
    fn push_collapsed_plain(out: &mut String, text: &str) {
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

    proptest::proptest! {
        #[test]
        fn collapsing_matches_the_plain_definition(
            before in "(|a|a |a\n)",
            pieces in proptest::collection::vec(
                "([a-z.,]{1,4}| |  |\t|\n|\r|\u{b}|\u{c}|\u{85}|\u{a0}|\u{1680}|\u{2003}|\u{2028}|\u{202f}|\u{205f}|\u{3000}|é|“|—|\u{1}|\u{2060}){1,6}",
                0..6,
            ),
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(
                visible_chars(&text),
                text.chars().filter(|c| !c.is_whitespace()).count()
            );
            let (mut fast, mut plain) = (before.clone(), before);
            push_collapsed(&mut fast, &text);
            push_collapsed_plain(&mut plain, &text);
            proptest::prop_assert_eq!(fast, plain);
        }
    }

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
    fn figure_captions_are_their_own_paragraphs() {
        let page = "<article><figure><img src=\"x.jpg\"><figcaption>Firefighters work near Sept-Îles, Quebec, June 6, 2023.</figcaption></figure><p>Smoke reached Norway on Wednesday, officials said.</p></article>";
        assert_eq!(
            to_text(page).0,
            "Firefighters work near Sept-Îles, Quebec, June 6, 2023.\n\nSmoke reached Norway on Wednesday, officials said."
        );
    }

    #[test]
    fn prefers_article_element() {
        let page = "<html><body><div>Teaser: other story.</div><article><p>Real story.</p></article></body></html>";
        assert_eq!(to_text(page).0, "Real story.");
    }

    #[test]
    fn menus_and_link_lists_are_dropped() {
        let page = r##"<html><body>
            <a class="visually-hidden" href="#main">Jump to main content</a>
            <div class="site-header"><ul><li><a href="/a">Agency</a></li><li><a href="/n">News</a></li>
              <li><a href="/p">Publications</a></li></ul></div>
            <div id="main"><h1>Report released</h1>
            <p>The agency said on <a href="/r">Tuesday</a> that 4,000 homes were affected.</p>
            <div><a href="/v.mp4">MP4</a><a href="/v.mp3">MP3</a></div>
            <p>In this section:</p>
            <ul><li><a href="/x">Grants</a></li><li><a href="/y">Loans</a></li><li><a href="/z">Contacts</a></li></ul>
            <p>Officials expect repairs to take two years.</p></div>
            <div role="navigation">Home &gt; News</div>
            </body></html>"##;
        assert_eq!(
            to_text(page).0,
            "Report released\n\nThe agency said on Tuesday that 4,000 homes were affected.\n\nIn this section:\n\nOfficials expect repairs to take two years."
        );
    }

    #[test]
    fn prose_with_links_is_kept() {
        let page = r#"<html><body><p>The <a href="/a">ministry</a> said the <a href="/b">new rules</a> would cut emissions by a third before 2030, according to the plan.</p>
            <ul><li>Prices rose 4% in <a href="/m">March</a>, the office said.</li></ul></body></html>"#;
        assert_eq!(
            to_text(page).0,
            "The ministry said the new rules would cut emissions by a third before 2030, according to the plan.\n\nPrices rose 4% in March, the office said."
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Deep enough to overflow a recursive walk on a 2 MB test-thread stack.
        let page = format!("{}text{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        assert_eq!(to_text(&page).0, "text");
    }
}
