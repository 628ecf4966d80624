//! Type names that never collide: each subschema that becomes a named type gets the name
//! it wants (its `title`, or the name its place suggests) when that is free, else the
//! first free one of [`name::type_name_candidates`]. A name, once given to a place, stays
//! with it (a recursive `$ref` and a second look at the same schema see the same name).

use super::*;

impl Modeler<'_> {
    /// The type name of the subschema at `pointer`: the one it already has, else the
    /// first candidate no other place holds. Only the name it wants is recorded; the
    /// name is given by [`Self::claim`].
    pub(super) fn type_name_for(
        &mut self,
        pointer: &str,
        title: Option<&str>,
        suggested: &str,
    ) -> String {
        if let Some(name) = self.pointer_names.get(pointer) {
            return name.clone();
        }
        let preferred = title.map_or_else(|| suggested.to_owned(), name::type_name);
        self.wanted
            .entry(pointer.to_owned())
            .or_insert_with(|| preferred.clone());
        name::type_name_candidates(pointer, &preferred, suggested)
            .find(|candidate| self.name_is_free(candidate, pointer))
            .unwrap_or(preferred)
    }

    /// Whether `name` may go to the place `pointer`.
    fn name_is_free(&self, name: &str, pointer: &str) -> bool {
        self.claims.get(name).is_none_or(|holder| holder == pointer)
    }

    /// Gives `name` to the place `pointer`. A place keeps its first name.
    pub(super) fn claim(&mut self, pointer: &str, name: &str) {
        if self.pointer_names.contains_key(pointer) || !self.name_is_free(name, pointer) {
            return;
        }
        self.claims.insert(name.to_owned(), pointer.to_owned());
        self.pointer_names
            .insert(pointer.to_owned(), name.to_owned());
        let wanted = self.wanted.get(pointer).cloned();
        if let Some(wanted) = wanted
            && name != wanted
        {
            self.renamed.push(Renamed {
                name: name.to_owned(),
                holder: self.claims.get(&wanted).cloned().unwrap_or_default(),
                wanted,
                pointer: pointer.to_owned(),
            });
        }
    }

    /// Holds names that the generated API takes besides the types (the dispatch enum and
    /// its handler trait), so that no type is given one.
    pub(super) fn reserve(&mut self, name: &str) {
        self.claims
            .insert(name.to_owned(), "(the generated API)".to_owned());
    }
}
