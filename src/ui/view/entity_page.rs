//! An entity's page: facts on top, the timeline as a bar chart (a
//! sparkline when the periods outnumber the columns), then the names seen
//! with it, one per row, the selected one marked. Every name and source
//! is sanitised before it is drawn.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Clear, Paragraph, Sparkline};

use crate::store::EntityPage;
use crate::text::{sanitize_line, truncate};
use crate::ui::app::App;
use crate::ui::entity_page::{EntityPageState, HINTS};
use crate::ui::theme::Role;

const ASCII_BARS: symbols::bar::Set<'static> = symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "#",
    half: "=",
    three_eighths: "=",
    one_quarter: ".",
    one_eighth: ".",
    empty: " ",
};

pub fn render(app: &App, state: &EntityPageState, frame: &mut Frame, area: Rect) {
    if area.width < 20 || area.height < 8 {
        return;
    }
    let page = &state.page;
    let w = area.width.saturating_sub(2) as usize;
    let hint = match &state.input {
        Some((fix, text)) => Line::from(vec![
            Span::styled(fix.prompt(), app.theme.style(Role::StatusKey)),
            Span::raw(sanitize_line(text)),
            Span::raw("_"),
        ]),
        // What the last key did (the status line is under the page).
        None => match &app.message {
            Some(m) => Line::styled(
                truncate(&sanitize_line(&m.text), w),
                app.theme
                    .style(if m.error { Role::Error } else { Role::Status }),
            ),
            None => Line::styled(truncate(HINTS, w), app.theme.style(Role::Meta)),
        },
    };
    let title = truncate(
        &format!(" {} · {} ", sanitize_line(&page.name), page.kind.as_str()),
        w,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(app.theme.glyphs.border)
        .border_style(app.theme.style(Role::BorderFocused))
        .title(Span::styled(title, app.theme.style(Role::Title)))
        .title_bottom(hint);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);

    let chart_h = (inner.height / 3).clamp(4, 14);
    let [facts, chart, axis, names] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(chart_h),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(fact_lines(app, page, w)), facts);
    render_chart(app, page, frame, chart, axis);
    frame.render_widget(Paragraph::new(name_lines(app, state, names)), names);
}

fn fact_lines(app: &App, page: &EntityPage, w: usize) -> Vec<Line<'static>> {
    let meta = app.theme.style(Role::Meta);
    let span = match (page.first, page.last) {
        (Some(f), Some(l)) if f == l => format!(" · {f}"),
        (Some(f), Some(l)) => format!(" · {f} to {l}"),
        _ => String::new(),
    };
    let undated = if page.undated > 0 {
        format!(" · {} undated", page.undated)
    } else {
        String::new()
    };
    let plural = if page.count == 1 { "" } else { "s" };
    let spellings: Vec<String> = page.aliases.iter().map(|a| sanitize_line(a)).collect();
    let sources: Vec<String> = page
        .sources
        .iter()
        .map(|(s, n)| format!("{} {n}", sanitize_line(s)))
        .collect();
    let sources = if sources.is_empty() {
        "none given".to_string()
    } else {
        sources.join(", ")
    };
    vec![
        Line::raw(truncate(
            &format!("{} article{plural}{span}{undated}", page.count),
            w,
        )),
        Line::from(vec![
            Span::styled("Spellings: ", meta),
            Span::raw(truncate(&spellings.join(", "), w.saturating_sub(11))),
        ]),
        Line::from(vec![
            Span::styled("Sources: ", meta),
            Span::raw(truncate(&sources, w.saturating_sub(9))),
        ]),
    ]
}

/// The dated periods as bars; below, the first and last period and the
/// busiest one.
fn render_chart(app: &App, page: &EntityPage, frame: &mut Frame, area: Rect, axis: Rect) {
    let dated: Vec<_> = page
        .timeline
        .iter()
        .filter(|p| p.period != "undated")
        .collect();
    let unit = if dated.first().is_some_and(|p| p.period.contains("-W")) {
        "week"
    } else {
        "month"
    };
    let peak = dated.iter().max_by_key(|p| p.count);
    let title = match peak {
        Some(p) => format!(" Mentions per {unit} · most {} in {} ", p.count, p.period),
        None => " No dated mentions ".to_string(),
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .border_set(app.theme.glyphs.border)
        .border_style(app.theme.style(Role::Border))
        .title(Span::styled(
            truncate(&title, area.width as usize),
            app.theme.style(Role::Title),
        ));
    let ascii = app.theme.glyphs.border.top_left == "+";
    let inner_w = area.width as usize;
    let n = dated.len();
    let shown = n.min(inner_w);
    let from = n - shown;
    if n > 0 && n * 2 <= inner_w + 1 {
        let width = ((inner_w + 1) / n).saturating_sub(1).clamp(1, 16) as u16;
        // Each bar named under it when the names fit, else the axis below
        // names the first and the last.
        let labelled = dated.iter().all(|p| p.period.len() <= width as usize);
        let bars: Vec<Bar> = dated
            .iter()
            .map(|p| {
                let bar = Bar::new(p.count as u64).text_value(String::new());
                if labelled {
                    bar.label(Line::raw(p.period.clone()))
                } else {
                    bar
                }
            })
            .collect();
        let mut chart = BarChart::default()
            .block(block)
            .data(BarGroup::new(bars))
            .bar_width(width)
            .bar_gap(1)
            .bar_style(app.theme.style(Role::Topic));
        if ascii {
            chart = chart.bar_set(ASCII_BARS);
        }
        frame.render_widget(chart, area);
    } else {
        // More periods than columns: one column each, the latest ones.
        let data: Vec<u64> = dated[from..].iter().map(|p| p.count as u64).collect();
        let mut spark = Sparkline::default()
            .block(block)
            .data(&data)
            .style(app.theme.style(Role::Topic));
        if ascii {
            spark = spark.bar_set(ASCII_BARS);
        }
        frame.render_widget(spark, area);
    }
    let labelled = n > 0 && n * 2 <= inner_w + 1 && {
        let width = ((inner_w + 1) / n).saturating_sub(1).clamp(1, 16);
        dated.iter().all(|p| p.period.len() <= width)
    };
    if !labelled && let (Some(first), Some(last)) = (dated.get(from), dated.last()) {
        let left = first.period.clone();
        let right = if n > 1 {
            last.period.clone()
        } else {
            String::new()
        };
        let gap = inner_w.saturating_sub(left.len() + right.len());
        let text = truncate(&format!("{left}{}{right}", " ".repeat(gap)), inner_w);
        frame.render_widget(
            Paragraph::new(Line::styled(text, app.theme.style(Role::Date))),
            axis,
        );
    }
}

fn name_lines(app: &App, state: &EntityPageState, area: Rect) -> Vec<Line<'static>> {
    let page = &state.page;
    let w = area.width as usize;
    let h = area.height as usize;
    let selected_style = app.theme.style(Role::Selected);
    let basis = if page.cooccurring_from < page.count {
        format!(" (in its newest {} articles)", page.cooccurring_from)
    } else {
        String::new()
    };
    let mut all = vec![{
        let text = truncate(
            &format!("List its {} articles{basis}", page.count),
            w.saturating_sub(2),
        );
        let mark = if state.selected.is_none() { "> " } else { "  " };
        let line = Line::raw(format!("{mark}{text}"));
        if state.selected.is_none() {
            line.style(selected_style)
        } else {
            line
        }
    }];
    if page.cooccurring.is_empty() {
        all.push(Line::styled("  Named alone", app.theme.style(Role::Meta)));
    } else {
        all.push(Line::styled("Seen with", app.theme.style(Role::Group)));
    }
    for (i, c) in page.cooccurring.iter().enumerate() {
        let count = format!("{:>6}", c.count);
        let kind = format!(" {:<6} ", c.kind.as_str());
        let room = w.saturating_sub(2 + count.len() + kind.len());
        let name = truncate(&sanitize_line(&c.name), room);
        let pad =
            " ".repeat(room.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str())));
        let on = state.selected == Some(i);
        let mark = if on { "> " } else { "  " };
        let line = Line::from(vec![
            Span::raw(format!("{mark}{name}{pad}")),
            Span::styled(kind, app.theme.style(Role::Meta)),
            Span::raw(count),
        ]);
        all.push(if on { line.style(selected_style) } else { line });
    }
    // Keep the selection in sight.
    let at = state.selected.map_or(0, |i| i + 2);
    let skip = (at + 1).saturating_sub(h);
    all.into_iter().skip(skip).take(h).collect()
}
