//! How hard a new password is to guess, estimated by zxcvbn against its dictionaries of
//! common passwords, words, names and patterns, with the account's own details (user
//! name, e-mail) as more words to try. Offline: no list of breached passwords is asked.

use zxcvbn::feedback::Warning;
use zxcvbn::Score;

/// The lowest score accepted: 3 of 4, "safely unguessable" (about 10^10 guesses), enough
/// for a password behind Argon2 and the login rate limiter.
pub const MIN_SCORE: Score = Score::Three;

/// Why a password is too easy to guess: the number the `validation-too-weak` message picks
/// its explanation with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    /// No single pattern dominates: it is just too short for what it is made of.
    Other = 0,
    /// A common password, or one close to it.
    Common = 1,
    /// A dictionary word on its own (the user name and e-mail count as words).
    Word = 2,
    /// Names and surnames.
    Name = 3,
    /// Dates and recent years.
    Date = 4,
    /// Repeats and sequences (`aaa`, `abcabc`, `6543`).
    Repeat = 5,
    /// Keyboard rows and patterns (`qwerty`, `zxcvbn`).
    Keyboard = 6,
}

/// The weakness of `password`, or `None` when it scores [`MIN_SCORE`] or more. `context`
/// holds the account's own details, which make a password built on them weak.
pub fn weakness(password: &str, context: &[&str]) -> Option<Weakness> {
    let estimate = zxcvbn::zxcvbn(password, context);
    if estimate.score() >= MIN_SCORE {
        return None;
    }
    let warning = estimate.feedback().and_then(|f| f.warning());
    Some(match warning {
        Some(
            Warning::ThisIsATop10Password
            | Warning::ThisIsATop100Password
            | Warning::ThisIsACommonPassword
            | Warning::ThisIsSimilarToACommonlyUsedPassword,
        ) => Weakness::Common,
        Some(Warning::AWordByItselfIsEasyToGuess) => Weakness::Word,
        Some(
            Warning::NamesAndSurnamesByThemselvesAreEasyToGuess
            | Warning::CommonNamesAndSurnamesAreEasyToGuess,
        ) => Weakness::Name,
        Some(Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess) => {
            Weakness::Date
        }
        Some(
            Warning::RepeatsLikeAaaAreEasyToGuess
            | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess
            | Warning::SequencesLikeAbcAreEasyToGuess,
        ) => Weakness::Repeat,
        Some(
            Warning::StraightRowsOfKeysAreEasyToGuess
            | Warning::ShortKeyboardPatternsAreEasyToGuess,
        ) => Weakness::Keyboard,
        None => Weakness::Other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrases_pass_and_guessable_passwords_say_why() {
        assert_eq!(weakness("lantern-orchard-basalt-47", &[]), None);
        assert_eq!(weakness("Kx9#mQ2$vL7@", &[]), None);
        assert_eq!(weakness("password1234", &[]), Some(Weakness::Common));
        // Keyboard rows this long are in the common-password list.
        assert_eq!(weakness("qwertyuiopas", &[]), Some(Weakness::Common));
        assert_eq!(weakness("aaaaaaaaaaaa", &[]), Some(Weakness::Repeat));
        assert_eq!(weakness("abcdefghijkl", &[]), Some(Weakness::Repeat));
    }

    #[test]
    fn the_accounts_own_details_count_as_words() {
        assert_eq!(weakness("mirenetxeberria1", &["koldo"]), None);
        assert_eq!(
            weakness("mirenetxeberria1", &["mirenetxeberria", "miren@herria.eus"]),
            Some(Weakness::Other)
        );
    }
}
