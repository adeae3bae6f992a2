//! The member path of an error (`Order.items[3].price`), one type for every
//! layer that reports where inside a value or TypeCode something went
//! wrong: the TypeCode-driven marshaller ([`crate::TcError`]), the run time
//! of generated code (`corba-idl-rt`) and the legacy ORB bridges.

use core::fmt;

/// One step of a member path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathSeg {
    /// The outermost type's name (or kind when it has none).
    Root(String),
    /// A struct, exception, union or value member.
    Member(String),
    /// A sequence or array element.
    Index(usize),
}

/// A member path, built while an error unwinds: each level it passes adds
/// the step it took ([`MemberPath::push_member`], ...), so steps arrive
/// innermost first and are read outermost first ([`MemberPath::segments`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MemberPath {
    /// Innermost first (the order they are pushed in).
    rev: Vec<PathSeg>,
}

impl MemberPath {
    /// The empty path (the error is at the outermost value).
    pub const fn new() -> MemberPath {
        MemberPath { rev: Vec::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.rev.is_empty()
    }

    /// The steps, outermost first.
    pub fn segments(&self) -> impl DoubleEndedIterator<Item = &PathSeg> + '_ {
        self.rev.iter().rev()
    }

    /// Adds `seg` as the step outside every step so far.
    pub fn push(&mut self, seg: PathSeg) {
        self.rev.push(seg);
    }

    pub fn push_member(&mut self, name: &str) {
        self.push(PathSeg::Member(name.to_owned()));
    }

    pub fn push_index(&mut self, index: usize) {
        self.push(PathSeg::Index(index));
    }

    pub fn push_root(&mut self, name: &str) {
        self.push(PathSeg::Root(name.to_owned()));
    }

    /// `self` with `seg` added outside it.
    pub fn with(mut self, seg: PathSeg) -> MemberPath {
        self.push(seg);
        self
    }
}

/// `Order.items[3].price`: a member after anything is joined with `.`, an
/// index is written `[i]`.
impl fmt::Display for MemberPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for seg in self.segments() {
            match seg {
                PathSeg::Root(n) => f.write_str(n)?,
                PathSeg::Member(m) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(m)?;
                }
                PathSeg::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unwound(steps: &[PathSeg]) -> MemberPath {
        let mut p = MemberPath::new();
        for s in steps.iter().rev() {
            p.push(s.clone());
        }
        p
    }

    #[test]
    fn displays_members_dotted_and_indices_bracketed() {
        let p = unwound(&[
            PathSeg::Root("Order".into()),
            PathSeg::Member("items".into()),
            PathSeg::Index(3),
            PathSeg::Member("price".into()),
        ]);
        assert_eq!(p.to_string(), "Order.items[3].price");
        assert_eq!(p.segments().next(), Some(&PathSeg::Root("Order".into())));
    }

    #[test]
    fn a_path_may_start_with_a_member_or_an_index() {
        let p = unwound(&[PathSeg::Member("items".into()), PathSeg::Index(2)]);
        assert_eq!(p.to_string(), "items[2]");
        let p = unwound(&[
            PathSeg::Index(0),
            PathSeg::Index(1),
            PathSeg::Member("x".into()),
        ]);
        assert_eq!(p.to_string(), "[0][1].x");
        assert_eq!(MemberPath::new().to_string(), "");
        assert!(MemberPath::new().is_empty());
    }

    #[test]
    fn push_adds_the_outer_step() {
        let mut p = MemberPath::new();
        p.push_member("price");
        p.push_index(3);
        p.push_member("items");
        p.push_root("Order");
        assert_eq!(p.to_string(), "Order.items[3].price");
    }
}
