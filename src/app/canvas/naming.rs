//! Names for new and copied parts that do not clash with those already on the site: "GPU pod 3",
//! "Hall A 2".

use std::collections::HashSet;

use crate::model::{KindTag, Scenario};

/// The names in use, to which new names are added as they are handed out.
pub struct Names {
    taken: HashSet<String>,
}

impl Names {
    pub fn of(scenario: &Scenario) -> Names {
        Names { taken: scenario.components.iter().map(|c| c.name.clone()).collect() }
    }

    /// "GPU pod N": N one more than the pods already there, or the next number free.
    pub fn for_new(&mut self, scenario: &Scenario, tag: KindTag) -> String {
        let existing = scenario.components.iter().filter(|c| c.tag() == tag).count();
        let mut n = existing + 1;
        loop {
            let name = format!("{} {n}", tag.label());
            if self.claim(&name) {
                return name;
            }
            n += 1;
        }
    }

    /// `name` itself when free, else the name with the next free number: "Hall A" -> "Hall A 2",
    /// "GPU pod 3" -> "GPU pod 4".
    pub fn for_copy(&mut self, name: &str) -> String {
        if self.claim(name) {
            return name.to_string();
        }
        let (base, start) = split_number(name);
        let mut n = start.max(1) + 1;
        loop {
            let candidate = format!("{base} {n}");
            if self.claim(&candidate) {
                return candidate;
            }
            n += 1;
        }
    }

    fn claim(&mut self, name: &str) -> bool {
        if self.taken.contains(name) {
            return false;
        }
        self.taken.insert(name.to_string());
        true
    }
}

/// "GPU pod 3" -> ("GPU pod", 3); "Hall A" -> ("Hall A", 1).
fn split_number(name: &str) -> (&str, u64) {
    if let Some((base, digits)) = name.rsplit_once(' ')
        && let Ok(n) = digits.parse::<u64>()
        && !base.is_empty()
        && n < u64::MAX / 2
    {
        return (base, n);
    }
    (name, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Component;

    fn site(names: &[(&str, KindTag)]) -> Scenario {
        let mut s = Scenario::new("test");
        for (i, (name, tag)) in names.iter().enumerate() {
            s.components.push(Component::new(i as u64 + 1, *tag, *name, 0.0, 0.0));
        }
        s
    }

    #[test]
    fn new_parts_are_numbered_per_kind() {
        let s = site(&[("GPU pod 1", KindTag::GpuPod), ("GPU pod 2", KindTag::GpuPod), ("Hall A", KindTag::AsicHall)]);
        let mut names = Names::of(&s);
        assert_eq!(names.for_new(&s, KindTag::GpuPod), "GPU pod 3");
        assert_eq!(names.for_new(&s, KindTag::GpuPod), "GPU pod 4", "names handed out are taken");
        assert_eq!(names.for_new(&s, KindTag::AsicHall), "ASIC hall 2");
    }

    #[test]
    fn copies_get_the_next_free_number() {
        let s = site(&[("Hall A", KindTag::AsicHall), ("GPU pod 3", KindTag::GpuPod)]);
        let mut names = Names::of(&s);
        assert_eq!(names.for_copy("Hall A"), "Hall A 2");
        assert_eq!(names.for_copy("Hall A"), "Hall A 3");
        assert_eq!(names.for_copy("GPU pod 3"), "GPU pod 4");
        assert_eq!(names.for_copy("Fresh name"), "Fresh name");
    }
}
