//! The HTML report: the verdict table first (one row per hot path, with
//! its p95 ratio drawn as a point and 95% whisker against the goal and
//! the gate's threshold, instruction and allocation columns, links to the
//! flamegraphs and the bottleneck analysis), then an instruction-ratio
//! chart, then the markdown report rendered (headings carry anchors).

use crate::bottleneck;
use crate::judge::{Gate, GoalVerdict};
use crate::report::{conclusion, overall_gate, slug};
use crate::results::{Entry, Judgement, Results};
use std::fmt::Write as _;

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&#39;")
}

/// A log scale for ratios, `lo` at 0 and `hi` at the full width.
#[derive(Clone, Copy, Debug)]
struct Scale {
    lo: f64,
    hi: f64,
}

impl Scale {
    /// From 1/16 to 4: the instruction chart's fixed range.
    const WIDE: Scale = Scale {
        lo: 1.0 / 16.0,
        hi: 4.0,
    };

    /// Just wide enough for every interval, goal, 1.0 and the threshold
    /// (with a margin), so narrow intervals stay visible.
    fn for_rows(r: &Results) -> Scale {
        let mut lo = r
            .judgements
            .iter()
            .map(|j| j.goal.ratio)
            .fold(1.0f64, f64::min);
        let mut hi = 1.0 + r.threshold_pct / 100.0;
        for iv in r.judgements.iter().filter_map(|j| j.p95_ratio) {
            lo = lo.min(iv.low);
            hi = hi.max(iv.high);
        }
        Scale {
            lo: (lo / 1.15).max(1e-3),
            hi: (hi * 1.15).min(1e3),
        }
    }

    fn x(self, ratio: f64, width: f64) -> f64 {
        let t = (ratio.clamp(self.lo, self.hi).ln() - self.lo.ln()) / (self.hi.ln() - self.lo.ln());
        t * width
    }
}

fn x_of(ratio: f64, width: f64) -> f64 {
    Scale::WIDE.x(ratio, width)
}

/// One row's whisker: the interval as a line, the ratio as a dot, the goal
/// (dashed) and 1.0 (solid) as ticks.
fn whisker(j: &Judgement, threshold: f64, scale: Scale) -> String {
    let w = 260.0;
    let x_of = |ratio: f64, width: f64| scale.x(ratio, width);
    let Some(iv) = j.p95_ratio else {
        return "<span class='none'>not measured</span>".into();
    };
    let color = match j.gate {
        Gate::NotJudged => "#757575",
        Gate::Pass => "#2e7d32",
        Gate::Warn => "#f9a825",
        Gate::Fail => "#c62828",
    };
    format!(
        "<svg class='whisker' width='{w}' height='18' role='img' aria-label='p95 ratio {r:.2} ({l:.2} .. {h:.2})'>\
         <title>p95 ratio {r:.3} (95% CI {l:.3} .. {h:.3})</title>\
         <line x1='{one:.1}' y1='0' x2='{one:.1}' y2='18' stroke='#555'/>\
         <line x1='{t:.1}' y1='2' x2='{t:.1}' y2='16' stroke='#c62828' stroke-dasharray='1,2'/>\
         <line x1='{g:.1}' y1='0' x2='{g:.1}' y2='18' stroke='#000' stroke-dasharray='3,2'/>\
         <line class='ci' x1='{xl:.1}' y1='9' x2='{xh:.1}' y2='9' stroke='{color}' stroke-width='2'/>\
         <line x1='{xl:.1}' y1='4' x2='{xl:.1}' y2='14' stroke='{color}'/>\
         <line x1='{xh:.1}' y1='4' x2='{xh:.1}' y2='14' stroke='{color}'/>\
         <circle cx='{xr:.1}' cy='9' r='4' fill='{color}'/></svg>",
        r = iv.ratio,
        l = iv.low,
        h = iv.high,
        one = x_of(1.0, w),
        t = x_of(1.0 + threshold, w),
        g = x_of(j.goal.ratio, w),
        xl = x_of(iv.low, w),
        xh = x_of(iv.high, w),
        xr = x_of(iv.ratio, w),
    )
}

fn pct(x: f64) -> String {
    format!("{:+.1}%", (x - 1.0) * 100.0)
}

fn verdict_table(s: &mut String, r: &Results) {
    let scale = Scale::for_rows(r);
    s.push_str(
        "<table id='verdicts'><thead><tr><th>hot path</th><th>baseline</th><th>goal</th>\
         <th>p95 ratio, log scale (dot and 95% CI; dashed: goal, solid: 1.0, dotted: gate threshold)</th><th>p95 change</th>\
         <th>goal (latency)</th><th>instructions change</th><th>goal (instructions)</th><th>gate</th>\
         <th>allocations/call (refactored / baseline)</th><th>headroom</th><th>links</th></tr></thead><tbody>",
    );
    for j in &r.judgements {
        let x = r.side(&j.path, &j.refactored);
        let b = r.side(&j.path, &j.baseline);
        let allocs = |e: Option<&Entry>| {
            e.and_then(|e| e.allocations)
                .map_or("–".into(), |a| format!("{:.2}", a.allocs_per_op))
        };
        let mut links = Vec::new();
        for (e, what) in [(x, "refactored"), (b, "baseline")] {
            if let Some(f) = e.and_then(|e| e.flamegraph.as_ref()) {
                links.push(format!("<a href='{}'>flamegraph ({what})</a>", esc(f)));
            }
        }
        if x.is_some_and(|e| e.flamegraph.is_some()) && b.is_some_and(|e| e.flamegraph.is_some()) {
            links.push(format!(
                "<a href='flamegraphs/{}__diff.svg'>differential</a>",
                esc(&j.path.replace('/', "__"))
            ));
        }
        if bottleneck::needs_analysis(j) {
            links.push(format!(
                "<a href='#{}'>bottleneck analysis</a>",
                slug(&bottleneck::heading(&j.path))
            ));
        }
        let busy = if j.noisy {
            " <span class='busy' title='machine busy during this group'>⚠ busy</span>"
        } else {
            ""
        };
        let goal_class = |g: GoalVerdict| match g {
            GoalVerdict::Met => "met",
            GoalVerdict::NotMet => "notmet",
            GoalVerdict::NotMeasured => "none",
        };
        let _ = write!(
            s,
            "<tr class='gate-{gate_cls}'><td><code>{path}</code></td><td>{base}</td><td>{goal}</td><td>{wh}</td>\
             <td>{chg}{busy}</td><td class='{gc}'>{gv}</td><td>{ic}</td><td class='{igc}'>{igv}</td>\
             <td class='gate'>{gate}</td><td>{ax} / {ab}</td><td>{head}</td><td>{links}</td></tr>",
            gate_cls = match j.gate {
                Gate::NotJudged => "none",
                Gate::Pass => "pass",
                Gate::Warn => "warn",
                Gate::Fail => "fail",
            },
            path = esc(&j.path),
            base = esc(&j.baseline),
            goal = esc(&j.goal.to_string()),
            wh = whisker(j, r.threshold_pct / 100.0, scale),
            chg = j.p95_ratio.map_or("–".into(), |i| format!(
                "{} ({} .. {})",
                pct(i.ratio),
                pct(i.low),
                pct(i.high)
            )),
            gc = goal_class(j.goal_verdict),
            gv = j.goal_verdict.as_str(),
            ic = j.instructions_ratio.map_or("–".into(), pct),
            igc = goal_class(j.instructions_goal),
            igv = j.instructions_goal.as_str(),
            gate = j.gate.as_str(),
            ax = allocs(x),
            ab = allocs(b),
            head = j.headroom.as_ref().map_or("–".into(), |h| esc(&format!(
                "{}: {}{}",
                h.target,
                h.reached,
                if h.met { " ✓" } else { "" }
            ))),
            links = links.join(" · "),
        );
    }
    s.push_str("</tbody></table>");
}

/// Instruction ratio per path as bars (log scale), 1.0 and the goal marked.
fn instructions_chart(r: &Results) -> String {
    let rows: Vec<(&Judgement, f64)> = r
        .judgements
        .iter()
        .filter_map(|j| Some((j, j.instructions_ratio?)))
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let (w, x0) = (420.0, 330.0);
    let h = 22 * rows.len() + 30;
    let mut s = format!(
        "<svg id='instructions-chart' xmlns='http://www.w3.org/2000/svg' width='800' height='{h}' font-family='sans-serif' font-size='12'>"
    );
    let one = x0 + x_of(1.0, w);
    let _ = write!(
        s,
        "<line x1='{one:.1}' y1='4' x2='{one:.1}' y2='{}' stroke='#444'/><text x='{one:.1}' y='{}' text-anchor='middle'>1.0</text>",
        h - 16,
        h - 4
    );
    for (i, (j, ratio)) in rows.iter().enumerate() {
        let y = 6 + 22 * i;
        let xr = x0 + x_of(*ratio, w);
        let (a, b) = if xr < one { (xr, one) } else { (one, xr) };
        let color = if *ratio <= j.goal.ratio {
            "#2e7d32"
        } else if *ratio <= 1.0 + r.threshold_pct / 100.0 {
            "#f9a825"
        } else {
            "#c62828"
        };
        let _ = write!(
            s,
            "<text x='{}' y='{}' text-anchor='end'>{}</text><rect x='{a:.1}' y='{y}' width='{:.1}' height='14' fill='{color}'/>\
             <text x='{:.1}' y='{}'>{:.2}×</text>",
            x0 - 6.0,
            y + 11,
            esc(&j.path),
            (b - a).max(1.0),
            b + 4.0,
            y + 11,
            ratio
        );
    }
    s.push_str("</svg>");
    s
}

/// Inline markdown: `code`, **bold**, [text](link).
fn inline(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        let (before, after) = rest.split_at(i);
        out.push_str(&plain(before));
        match after
            .find("](")
            .and_then(|m| after[m..].find(')').map(|e| (m, m + e)))
        {
            Some((m, e)) => {
                let label = &after[1..m];
                let href = &after[m + 2..e];
                let _ = write!(out, "<a href='{}'>{}</a>", esc(href), plain(label));
                rest = &after[e + 1..];
            }
            None => {
                out.push_str(&plain(after));
                rest = "";
            }
        }
    }
    out.push_str(&plain(rest));
    out
}

fn plain(text: &str) -> String {
    let mut out = String::new();
    let (mut code, mut bold) = (false, false);
    let e = esc(text);
    let mut chars = e.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '`' {
            out.push_str(if code { "</code>" } else { "<code>" });
            code = !code;
        } else if c == '*' && chars.peek() == Some(&'*') && !code {
            chars.next();
            out.push_str(if bold { "</b>" } else { "<b>" });
            bold = !bold;
        } else {
            out.push(c);
        }
    }
    if code {
        out.push_str("</code>");
    }
    if bold {
        out.push_str("</b>");
    }
    out
}

/// The markdown report rendered: headings with anchors, tables, lists,
/// paragraphs.
fn render(md: &str) -> String {
    let mut s = String::new();
    let mut in_table = false;
    let mut in_list = false;
    let close = |s: &mut String, t: &mut bool, l: &mut bool| {
        if *t {
            s.push_str("</table>");
            *t = false;
        }
        if *l {
            s.push_str("</ul>");
            *l = false;
        }
    };
    for line in md.lines() {
        let level = line.chars().take_while(|&c| c == '#').count();
        if level > 0 && line[level..].starts_with(' ') {
            close(&mut s, &mut in_table, &mut in_list);
            if level == 1 {
                continue; // the page has its own title
            }
            let text = line[level + 1..].trim();
            let _ = write!(
                s,
                "<h{level} id='{}'>{}</h{level}>",
                slug(text),
                inline(text)
            );
        } else if line.starts_with('|') {
            if line.contains("| --- ") {
                continue;
            }
            if !in_table {
                close(&mut s, &mut in_table, &mut in_list);
                s.push_str("<table>");
                in_table = true;
            }
            s.push_str("<tr>");
            for cell in line.trim().trim_matches('|').split(" | ") {
                let _ = write!(s, "<td>{}</td>", inline(cell.trim()));
            }
            s.push_str("</tr>");
        } else if let Some(item) = line.strip_prefix("- ").or_else(|| {
            line.split_once(". ")
                .filter(|(n, _)| n.parse::<u32>().is_ok())
                .map(|x| x.1)
        }) {
            if !in_list {
                close(&mut s, &mut in_table, &mut in_list);
                s.push_str("<ul>");
                in_list = true;
            }
            let _ = write!(s, "<li>{}</li>", inline(item));
        } else {
            close(&mut s, &mut in_table, &mut in_list);
            if !line.trim().is_empty() {
                let _ = write!(s, "<p>{}</p>", inline(line));
            }
        }
    }
    close(&mut s, &mut in_table, &mut in_list);
    s
}

pub fn html(r: &Results, md: &str, flamegraphs: &[(String, String)]) -> String {
    let mut s = String::from(
        "<!doctype html><html><head><meta charset='utf-8'><title>giopbench performance report</title>\
         <style>body{font-family:sans-serif;max-width:1500px;margin:1.5em auto;padding:0 1em}\
         table{border-collapse:collapse;font-size:13px;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:middle}\
         th{background:#f3f3f3}code{font-size:12px}.met{color:#2e7d32;font-weight:bold}.notmet{color:#c62828}\
         tr.gate-fail td.gate{background:#fdecea;color:#c62828;font-weight:bold}tr.gate-warn td.gate{background:#fff8e1}\
         tr.gate-pass td.gate{color:#2e7d32}.busy{color:#e65100}</style></head><body>",
    );
    let _ = write!(
        s,
        "<h1>Performance Report: {}</h1><p>{} against {}; gate threshold {}%.</p>",
        esc(&conclusion(r)),
        esc(&r.meta.refactored),
        esc(&r.meta.baseline),
        r.threshold_pct
    );
    let _ = write!(
        s,
        "<h2 id='verdict-table'>Verdicts: {}</h2>",
        overall_gate(r).as_str()
    );
    verdict_table(&mut s, r);
    let chart = instructions_chart(r);
    if !chart.is_empty() {
        s.push_str("<h2>Instructions, refactored / baseline</h2>");
        s.push_str(&chart);
    }
    let others: Vec<&(String, String)> = flamegraphs
        .iter()
        .filter(|(id, _)| !id.ends_with("/diff"))
        .collect();
    if !others.is_empty() {
        s.push_str("<details><summary>All flamegraphs</summary><ul>");
        for (id, file) in others {
            let _ = write!(s, "<li><a href='{}'>{}</a></li>", esc(file), esc(id));
        }
        s.push_str("</ul></details>");
    }
    s.push_str(&render(md));
    s.push_str("</body></html>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_inline_and_headings_render() {
        assert_eq!(
            inline("see [its analysis](#x) and `a<b` **now**"),
            "see <a href='#x'>its analysis</a> and <code>a&lt;b</code> <b>now</b>"
        );
        let h = render("## Bottleneck Analysis: giopbench - a/b\n\n- one\n- two\n\n| x | y |\n| --- | --- |\n| 1 | 2 |\n");
        assert!(
            h.contains("<h2 id='bottleneck-analysis-giopbench-a-b'>"),
            "{h}"
        );
        assert!(h.contains("<ul><li>one</li><li>two</li></ul>"), "{h}");
        assert!(
            h.contains("<table><tr><td>x</td><td>y</td></tr><tr><td>1</td><td>2</td></tr></table>"),
            "{h}"
        );
    }

    #[test]
    fn log_scale_places_one_between_the_ends() {
        let w = 100.0;
        assert!(x_of(1.0 / 16.0, w).abs() < 1e-9);
        assert!((x_of(4.0, w) - w).abs() < 1e-9);
        assert!(x_of(0.5, w) < x_of(1.0, w) && x_of(1.0, w) < x_of(1.2, w));
        assert!((x_of(100.0, w) - w).abs() < 1e-9);
    }
}
