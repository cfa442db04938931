//! App-wide state shared through Leptos context: who is signed in and which language is
//! shown, with the operations that change them (sign in/out, switch language).

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Language, Me, Preferences, Role};

use crate::api::{self, Failure};
use crate::i18n;

/// The session as the app sees it. Cheap to copy; provided once by `App`.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// The signed-in user; `None` when signed out.
    pub user: RwSignal<Option<Me>>,
    /// False until the first `GET /api/auth/me` has answered.
    pub checked: RwSignal<bool>,
    /// The interface language shown now.
    pub language: RwSignal<Language>,
    /// True after the user logged out on purpose (the login page then forgets the page
    /// they were on).
    pub left: RwSignal<bool>,
}

impl Session {
    /// A session for a page that has just loaded: not checked yet, showing `language`.
    pub fn new(language: Language) -> Self {
        Session {
            user: RwSignal::new(None),
            checked: RwSignal::new(false),
            language: RwSignal::new(language),
            left: RwSignal::new(false),
        }
    }

    /// Asks the server whether the session cookie is still valid.
    pub fn check(self) {
        spawn_local(async move {
            match api::me().await {
                Ok(me) => self.signed_in(me),
                Err(failure) => {
                    if !failure.session_expired() {
                        i18n::log(&format!("session check failed: {failure:?}"));
                    }
                    self.signed_out();
                }
            }
        });
    }

    /// Records a successful sign-in. The user's saved language wins; a user who has not
    /// chosen one keeps the language shown now (the login page's), and receives the choice
    /// made on the login page, if one was made there and not saved to anybody yet.
    pub fn signed_in(self, me: Me) {
        let unsaved = i18n::take_unsaved();
        match me.language {
            Some(lang) => self.show_language(lang),
            None => {
                if let Some(lang) = unsaved {
                    self.save_language(lang, me.page_size);
                }
            }
        }
        self.left.set(false);
        self.user.set(Some(me));
        self.checked.set(true);
    }

    /// Forgets the user (after logout, or when the server says the session is gone).
    pub fn signed_out(self) {
        self.user.set(None);
        self.checked.set(true);
    }

    /// Ends the session on the server, then here.
    pub fn logout(self) {
        spawn_local(async move {
            if let Err(failure) = api::logout().await {
                i18n::log(&format!("logout failed: {failure:?}"));
            }
            self.left.set(true);
            self.signed_out();
        });
    }

    /// To call with every failed API call: goes back to the login page when the session
    /// is gone. Returns the failure for the caller to show.
    pub fn check_failure(self, failure: Failure) -> Failure {
        if failure.session_expired() {
            self.signed_out();
        }
        failure
    }

    /// The signed-in user's name, empty when signed out (reactive).
    pub fn username(self) -> String {
        self.user
            .with(|u| u.as_ref().map(|me| me.username.clone()))
            .unwrap_or_default()
    }

    /// True for administrators (reactive).
    pub fn is_admin(self) -> bool {
        self.user
            .with(|u| u.as_ref().is_some_and(|me| me.role == Role::Admin))
    }

    /// Shows `lang`, without remembering it or telling the server.
    pub fn show_language(self, lang: Language) {
        if self.language.get_untracked() != lang || i18n::current() != lang {
            i18n::apply(lang);
        }
        self.language.set(lang);
    }

    /// The user picked a language: show it, remember it here and, when signed in, save
    /// it as the user's preference on the server too (signed out: for whoever signs in
    /// next without a language of their own).
    pub fn choose_language(self, lang: Language) {
        self.show_language(lang);
        let Some(me) = self.user.get_untracked() else {
            i18n::remember(lang, true);
            return;
        };
        i18n::remember(lang, false);
        if me.language != Some(lang) {
            self.save_language(lang, me.page_size);
        }
    }

    /// Saves `lang` as the signed-in user's language.
    fn save_language(self, lang: Language, page_size: i32) {
        spawn_local(async move {
            let body = Preferences {
                language: Some(lang),
                page_size,
            };
            match api::save_preferences(&body).await {
                Ok(saved) => self.preferences_saved(&saved),
                Err(failure) => {
                    let failure = self.check_failure(failure);
                    i18n::log(&format!("cannot save the language: {failure:?}"));
                }
            }
        });
    }

    /// Updates the cached user after preferences were saved.
    pub fn preferences_saved(self, saved: &Preferences) {
        self.user.update(|user| {
            if let Some(me) = user {
                me.language = saved.language;
                me.page_size = saved.page_size;
            }
        });
    }
}

/// The session provided by `App`.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
