//! Pure chart geometry, without the DOM: the drawing area, linear scales, the bands of a
//! bar chart and SVG path data. Everything here is plain arithmetic and unit-tested.

/// Width of every chart's `viewBox`; the `<svg>` itself is `width="100%"` and scales.
pub const WIDTH: f64 = 420.0;
/// Height of a line or bar chart's `viewBox`.
pub const HEIGHT: f64 = 200.0;

/// The plot area inside the `viewBox`: room is left for the y labels on the left and
/// the x labels below.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plot {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Plot {
    /// The plot area of a [`WIDTH`] × [`HEIGHT`] chart.
    pub const fn standard() -> Self {
        Plot {
            left: 60.0,
            top: 12.0,
            right: WIDTH - 16.0,
            bottom: HEIGHT - 26.0,
        }
    }
}

/// Maps a domain interval onto a range (pixels) linearly. A degenerate domain (one
/// value) maps everything to the middle of the range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Linear {
    /// `d0` goes to `r0` and `d1` to `r1` (a y scale has `r0` at the bottom).
    pub fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Self {
        Linear { d0, d1, r0, r1 }
    }

    /// Where `value` lands in the range.
    pub fn map(&self, value: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span.abs() < f64::EPSILON {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (value - self.d0) / span * (self.r1 - self.r0)
    }
}

/// The smallest and largest of `values`; `None` when empty.
pub fn extent(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values.into_iter().fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// `n` bars side by side over `[left, right]`: each in its own slot, with a gap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bands {
    left: f64,
    slot: f64,
}

impl Bands {
    pub fn new(n: usize, left: f64, right: f64) -> Self {
        let slot = (right - left) / n.max(1) as f64;
        Bands { left, slot }
    }

    /// Left edge and width of bar `i`: 70 % of its slot, centred, at least 1 unit wide
    /// (a hundred runs on a phone still show as lines) but never wider than the slot.
    pub fn bar(&self, i: usize) -> (f64, f64) {
        let width = (self.slot * 0.7).max(1.0).min(self.slot);
        let x = self.left + self.slot * i as f64 + (self.slot - width) / 2.0;
        (x, width)
    }

    /// The centre of slot `i` (where its label goes).
    pub fn centre(&self, i: usize) -> f64 {
        self.left + self.slot * (i as f64 + 0.5)
    }
}

/// Which of `n` items get an axis label: at most `max` of them, evenly spread, always
/// the first, and the last when it does not crowd the one before.
pub fn spread(n: usize, max: usize) -> Vec<usize> {
    if n == 0 || max == 0 {
        return Vec::new();
    }
    if n <= max {
        return (0..n).collect();
    }
    let step = n.div_ceil(max);
    let mut picked: Vec<usize> = (0..n).step_by(step).collect();
    let last = n - 1;
    if picked.last().is_some_and(|&l| last - l > step / 2) {
        picked.push(last);
    }
    picked
}

/// Rounds a coordinate to 0.1 so the SVG text stays short.
pub fn r(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// SVG path data of a polyline through `points`: `M x y L x y …`; empty without points.
pub fn line_path(points: &[(f64, f64)]) -> String {
    let mut out = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        let cmd = if i == 0 { 'M' } else { 'L' };
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&format!("{cmd}{} {}", r(*x), r(*y)));
    }
    out
}

/// SVG path data of the area between the polyline and the horizontal line `base`
/// (closed); empty without points.
pub fn area_path(points: &[(f64, f64)], base: f64) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return String::new();
    };
    format!(
        "{} L{} {} L{} {} Z",
        line_path(points),
        r(last.0),
        r(base),
        r(first.0),
        r(base)
    )
}

/// The share `used / total` in percent, clamped to 0..=100; `None` when the total is
/// unknown (zero or negative).
pub fn percent(used: i64, total: i64) -> Option<f64> {
    (total > 0).then(|| (used as f64 / total as f64 * 100.0).clamp(0.0, 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_scales_map_and_invert() {
        let y = Linear::new(0.0, 100.0, 200.0, 0.0);
        assert_eq!(y.map(0.0), 200.0);
        assert_eq!(y.map(100.0), 0.0);
        assert_eq!(y.map(25.0), 150.0);
        // One value: the middle, never a division by zero.
        assert_eq!(Linear::new(5.0, 5.0, 10.0, 30.0).map(5.0), 20.0);
    }

    #[test]
    fn extents() {
        assert_eq!(extent([3.0, -1.0, 7.5]), Some((-1.0, 7.5)));
        assert_eq!(extent(Vec::<f64>::new()), None);
    }

    #[test]
    fn bands_share_the_width() {
        let b = Bands::new(4, 0.0, 400.0);
        assert_eq!(b.bar(0), (15.0, 70.0));
        assert_eq!(b.bar(3), (315.0, 70.0));
        assert_eq!(b.centre(1), 150.0);
        // Very many bars: never narrower than one unit, never wider than their slot.
        let crowded = Bands::new(1000, 0.0, 400.0);
        let (_, w) = crowded.bar(0);
        assert!((w - 0.4).abs() < 1e-9, "{w}");
        assert_eq!(Bands::new(100, 0.0, 400.0).bar(0).1, 2.8);
    }

    #[test]
    fn labels_are_spread() {
        assert_eq!(spread(3, 5), vec![0, 1, 2]);
        assert_eq!(spread(10, 5), vec![0, 2, 4, 6, 8]);
        assert_eq!(spread(100, 5), vec![0, 20, 40, 60, 80, 99]);
        assert_eq!(spread(0, 5), Vec::<usize>::new());
    }

    #[test]
    fn paths() {
        let pts = [(0.0, 10.0), (5.04, 2.0), (10.0, 4.0)];
        assert_eq!(line_path(&pts), "M0 10 L5 2 L10 4");
        assert_eq!(area_path(&pts, 20.0), "M0 10 L5 2 L10 4 L10 20 L0 20 Z");
        assert_eq!(line_path(&[]), "");
        assert_eq!(area_path(&[], 1.0), "");
    }

    #[test]
    fn percents() {
        assert_eq!(percent(25, 100), Some(25.0));
        assert_eq!(percent(150, 100), Some(100.0));
        assert_eq!(percent(1, 0), None);
    }
}
