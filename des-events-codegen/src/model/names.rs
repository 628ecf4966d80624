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
        let key = self.name_key(pointer);
        if let Some(name) = self.pointer_names.get(&key) {
            return name.clone();
        }
        let preferred = title.map_or_else(|| suggested.to_owned(), name::type_name);
        self.wanted
            .entry(key.clone())
            .or_insert_with(|| preferred.clone());
        name::type_name_candidates(pointer, &preferred, suggested)
            .find(|candidate| self.name_is_free(candidate, &key))
            .unwrap_or(preferred)
    }

    /// Whether `name` may go to the place `key`.
    fn name_is_free(&self, name: &str, key: &str) -> bool {
        self.claims.get(name).is_none_or(|holder| holder == key)
    }

    /// The place a name is given to: the pointer, or for one JSON type's part of a
    /// schema split by type (see `split`), the pointer and that part.
    fn name_key(&self, pointer: &str) -> String {
        match &self.part {
            Some((at, part)) if at == pointer => format!("{pointer}|{part}"),
            _ => pointer.to_owned(),
        }
    }

    /// Gives `name` to the place `pointer`. A place keeps its first name.
    pub(super) fn claim(&mut self, pointer: &str, name: &str) {
        let key = self.name_key(pointer);
        if self.pointer_names.contains_key(&key) || !self.name_is_free(name, &key) {
            return;
        }
        self.claims.insert(name.to_owned(), key.clone());
        self.pointer_names.insert(key.clone(), name.to_owned());
        let wanted = self.wanted.get(&key).cloned();
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

    /// The name already given to the place `pointer`, if any.
    pub(super) fn claimed_name(&self, pointer: &str) -> Option<String> {
        self.pointer_names.get(&self.name_key(pointer)).cloned()
    }

    /// Gives back the name `name` of the place `pointer` when no type was registered
    /// under it (the schema turned out to be a plain string, a `$ref`...).
    pub(super) fn unclaim(&mut self, pointer: &str, name: &str) {
        let key = self.name_key(pointer);
        if self.type_names.contains_key(name)
            || self.claims.get(name) != Some(&key)
            || self.pointer_names.get(&key).map(String::as_str) != Some(name)
        {
            return;
        }
        self.claims.remove(name);
        self.pointer_names.remove(&key);
    }

    /// Holds names that the generated API takes besides the types (the dispatch enum and
    /// its handler trait), so that no type is given one.
    pub(super) fn reserve(&mut self, name: &str) {
        self.claims
            .insert(name.to_owned(), "(the generated API)".to_owned());
    }
}
