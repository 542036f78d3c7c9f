//! Inline SVG charts, written by hand: a histogram and a scatter plot.
//!
//! Both return one `<svg>` element with a `viewBox`, so the browser scales
//! it to the width of its container; every mark carries a `<title>` (a
//! tooltip) and data attributes that tests can read.

use std::fmt::Write;

use crate::escape;

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 36.0;

/// Count `values` into `n` equal bins over `[lo, hi]` (the last bin includes
/// `hi`); values outside the range, and NaN, are not counted.
pub fn bin(values: &[f64], n: usize, lo: f64, hi: f64) -> Vec<usize> {
    let mut bins = vec![0; n];
    if n == 0 || hi <= lo {
        return bins;
    }
    for &v in values {
        if !(lo..=hi).contains(&v) {
            continue;
        }
        let i = (((v - lo) / (hi - lo)) * n as f64).floor() as usize;
        bins[i.min(n - 1)] += 1;
    }
    bins
}

/// A histogram of `bins` counts over `[lo, hi]`: one `<rect class="bar">`
/// per bin with `data-lo`, `data-hi` and `data-count`; x ticks at `x_ticks`
/// (value, label); `label` names the chart for screen readers.
pub fn histogram(bins: &[usize], lo: f64, hi: f64, x_ticks: &[(f64, String)], label: &str) -> String {
    let mut s = open(label);
    let max = bins.iter().copied().max().unwrap_or(0);
    let pw = W - LEFT - RIGHT;
    let ph = H - TOP - BOTTOM;
    axes(&mut s);
    let ymax = nice_max(max);
    y_ticks(&mut s, ymax);
    let n = bins.len().max(1) as f64;
    let bw = pw / n;
    for (i, &c) in bins.iter().enumerate() {
        let b_lo = lo + (hi - lo) * i as f64 / n;
        let b_hi = lo + (hi - lo) * (i + 1) as f64 / n;
        let h = if ymax == 0 {
            0.0
        } else {
            ph * c as f64 / ymax as f64
        };
        let _ = write!(
            s,
            r#"<rect class="bar" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" data-lo="{b_lo:.3}" data-hi="{b_hi:.3}" data-count="{c}"><title>{b_lo:.2}–{b_hi:.2}: {c}</title></rect>"#,
            LEFT + bw * i as f64 + 1.0,
            TOP + ph - h,
            (bw - 2.0).max(0.5),
            h,
        );
    }
    for (v, t) in x_ticks {
        let x = LEFT + pw * (v - lo) / (hi - lo);
        x_tick(&mut s, x, t);
    }
    if max == 0 {
        no_data(&mut s);
    }
    s.push_str("</svg>");
    s
}

/// One point of a scatter plot.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Horizontal value (in the chart's x units).
    pub x: f64,
    /// Vertical value.
    pub y: f64,
    /// Drawn as an outlier (`class="outlier"`, larger, in another colour).
    pub marked: bool,
    /// Tooltip text (escaped here).
    pub label: String,
}

/// A scatter plot of `points` over `x_range` × `y_range` (points outside are
/// drawn on the edge): one `<circle class="pt">` per point, `class="pt
/// outlier"` for marked ones, drawn last so they stay on top.
pub fn scatter(
    points: &[Point],
    x_range: (f64, f64),
    y_range: (f64, f64),
    x_ticks: &[(f64, String)],
    y_ticks_at: &[(f64, String)],
    label: &str,
) -> String {
    let mut s = open(label);
    let pw = W - LEFT - RIGHT;
    let ph = H - TOP - BOTTOM;
    axes(&mut s);
    let sx = |x: f64| LEFT + pw * ((x.clamp(x_range.0, x_range.1) - x_range.0) / (x_range.1 - x_range.0));
    let sy = |y: f64| TOP + ph - ph * ((y.clamp(y_range.0, y_range.1) - y_range.0) / (y_range.1 - y_range.0));
    for (v, t) in x_ticks {
        x_tick(&mut s, sx(*v), t);
    }
    for (v, t) in y_ticks_at {
        y_tick(&mut s, sy(*v), t);
    }
    for marked in [false, true] {
        for p in points
            .iter()
            .filter(|p| p.marked == marked && p.x.is_finite() && p.y.is_finite())
        {
            let _ = write!(
                s,
                r#"<circle class="{}" cx="{:.1}" cy="{:.1}" r="{}"><title>{}</title></circle>"#,
                if marked { "pt outlier" } else { "pt" },
                sx(p.x),
                sy(p.y),
                if marked { "4" } else { "2.5" },
                escape(&p.label)
            );
        }
    }
    if points.is_empty() {
        no_data(&mut s);
    }
    s.push_str("</svg>");
    s
}

fn open(label: &str) -> String {
    format!(
        r#"<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        escape(label)
    )
}

fn axes(s: &mut String) {
    let _ = write!(
        s,
        r#"<path class="axis" d="M{LEFT} {TOP}V{y}H{x}" fill="none"/>"#,
        y = H - BOTTOM,
        x = W - RIGHT
    );
}

fn x_tick(s: &mut String, x: f64, t: &str) {
    let y = H - BOTTOM;
    let _ = write!(
        s,
        r#"<path class="tick" d="M{x:.1} {y}v5"/><text class="tl" x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
        y + 18.0,
        escape(t)
    );
}

fn y_tick(s: &mut String, y: f64, t: &str) {
    let _ = write!(
        s,
        r#"<path class="grid" d="M{LEFT} {y:.1}H{}"/><text class="tl" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
        W - RIGHT,
        LEFT - 6.0,
        y + 4.0,
        escape(t)
    );
}

fn y_ticks(s: &mut String, ymax: usize) {
    let ph = H - TOP - BOTTOM;
    for k in 0..=4 {
        let v = ymax * k / 4;
        let y = TOP + ph - ph * k as f64 / 4.0;
        y_tick(s, y, &v.to_string());
    }
}

fn no_data(s: &mut String) {
    let _ = write!(
        s,
        r#"<text class="nodata" x="{}" y="{}" text-anchor="middle">no data</text>"#,
        W / 2.0,
        H / 2.0
    );
}

/// The smallest of 1, 2, 4 or 5 × 10^k, at least `max`, divisible by 4 where it can be.
fn nice_max(max: usize) -> usize {
    if max == 0 {
        return 0;
    }
    let mut m = 1;
    loop {
        for f in [1, 2, 4, 5, 8] {
            if m * f >= max && (m * f % 4 == 0 || m * f < 4) {
                return (m * f).max(4);
            }
        }
        m *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr_values(svg: &str, attr: &str) -> Vec<String> {
        let pat = format!(r#"{attr}=""#);
        svg.match_indices(&pat)
            .map(|(i, _)| {
                let rest = &svg[i + pat.len()..];
                rest[..rest.find('"').unwrap()].to_string()
            })
            .collect()
    }

    #[test]
    fn bins_count_every_value_once_and_keep_the_top_edge() {
        let v = [0.0, 0.05, 0.1, 0.5, 0.99, 1.0, 1.5, -0.1, f64::NAN];
        let b = bin(&v, 10, 0.0, 1.0);
        assert_eq!(b, [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
        assert_eq!(b.iter().sum::<usize>(), 6);
    }

    #[test]
    fn histogram_has_one_bar_per_bin_with_its_count_and_height() {
        let svg = histogram(&[3, 0, 1], 0.0, 1.0, &[(0.5, "0.5".into())], "scores <all>");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(attr_values(&svg, "data-count"), ["3", "0", "1"]);
        let heights: Vec<f64> = attr_values(&svg, "height")
            .iter()
            .map(|h| h.parse().unwrap())
            .collect();
        // y axis up to 4: 3 of 4, none, 1 of 4
        assert!((heights[0] / heights[2] - 3.0).abs() < 0.01, "{heights:?}");
        assert_eq!(heights[1], 0.0);
        assert!(svg.contains(r#"aria-label="scores &lt;all&gt;""#));
        assert!(!svg.contains("no data"));
    }

    #[test]
    fn empty_histogram_says_no_data() {
        let svg = histogram(&bin(&[], 5, 0.0, 1.0), 0.0, 1.0, &[], "x");
        assert_eq!(attr_values(&svg, "data-count").len(), 5);
        assert!(svg.contains("no data"));
    }

    #[test]
    fn scatter_draws_each_point_and_marks_outliers_on_top() {
        let pts = vec![
            Point {
                x: 0.0,
                y: 0.5,
                marked: true,
                label: "a & <b>".into(),
            },
            Point {
                x: -1.0,
                y: 1.0,
                marked: false,
                label: "c".into(),
            },
            Point {
                x: 9.0,
                y: -3.0,
                marked: false,
                label: "clamped".into(),
            },
        ];
        let svg = scatter(&pts, (-1.0, 1.0), (0.0, 1.0), &[], &[], "ratio");
        assert_eq!(svg.matches("<circle").count(), 3);
        assert_eq!(svg.matches(r#"class="pt outlier""#).count(), 1);
        // the outlier is drawn last
        assert!(svg.rfind("outlier").unwrap() > svg.rfind(r#"class="pt""#).unwrap());
        assert!(svg.contains("<title>a &amp; &lt;b&gt;</title>"));
        let cx: Vec<f64> = attr_values(&svg, "cx")
            .iter()
            .map(|v| v.parse().unwrap())
            .collect();
        let cy: Vec<f64> = attr_values(&svg, "cy")
            .iter()
            .map(|v| v.parse().unwrap())
            .collect();
        // x = -1 on the left axis; x = 9 clamped to the right edge, y = -3 to the bottom
        assert_eq!(cx[0], LEFT);
        assert_eq!(cx[1], W - RIGHT);
        assert_eq!(cy[1], H - BOTTOM);
        assert_eq!(cx[2], LEFT + (W - LEFT - RIGHT) / 2.0);
    }

    #[test]
    fn empty_scatter_says_no_data() {
        let svg = scatter(&[], (0.0, 1.0), (0.0, 1.0), &[], &[], "x");
        assert!(svg.contains("no data") && !svg.contains("<circle"));
    }

    #[test]
    fn nice_maxima() {
        assert_eq!(nice_max(0), 0);
        assert_eq!(nice_max(3), 4);
        assert_eq!(nice_max(7), 8);
        assert_eq!(nice_max(31), 40);
        assert_eq!(nice_max(120), 200);
    }
}
