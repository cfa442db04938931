//! Page scaffolding shared by the catalog pages, which (unlike `components`) fetches: the
//! entity form lifecycle (`entity_form`), the list page (`list_page`) and the address-bar
//! state of the paged lists (`address`).

pub mod address;
pub mod deletion;
pub mod entities;
pub mod entity_form;
pub mod list_page;
pub mod loaded;
