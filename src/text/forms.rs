//! Arabic presentation forms, generated from Unicode's data.

// One row per Arabic letter that has a single-letter presentation form in
// U+FB50–U+FDFF or U+FE70–U+FEFF: (base, isolated, final, initial, medial),
// '\0' = no form. Generated, and checked by `cargo test`, by `forms/check.rs`
// from the compatibility decompositions and character names; regenerate with
// `NKRU_WRITE_FORMS=1 cargo test --lib forms` and `cargo fmt`.
pub(super) const FORMS: &[(char, char, char, char, char)] = &[
    ('\u{0621}', '\u{FE80}', '\0', '\0', '\0'), // ARABIC LETTER HAMZA
    ('\u{0622}', '\u{FE81}', '\u{FE82}', '\0', '\0'), // ARABIC LETTER ALEF WITH MADDA ABOVE
    ('\u{0623}', '\u{FE83}', '\u{FE84}', '\0', '\0'), // ARABIC LETTER ALEF WITH HAMZA ABOVE
    ('\u{0624}', '\u{FE85}', '\u{FE86}', '\0', '\0'), // ARABIC LETTER WAW WITH HAMZA ABOVE
    ('\u{0625}', '\u{FE87}', '\u{FE88}', '\0', '\0'), // ARABIC LETTER ALEF WITH HAMZA BELOW
    ('\u{0626}', '\u{FE89}', '\u{FE8A}', '\u{FE8B}', '\u{FE8C}'), // ARABIC LETTER YEH WITH HAMZA ABOVE
    ('\u{0627}', '\u{FE8D}', '\u{FE8E}', '\0', '\0'),             // ARABIC LETTER ALEF
    ('\u{0628}', '\u{FE8F}', '\u{FE90}', '\u{FE91}', '\u{FE92}'), // ARABIC LETTER BEH
    ('\u{0629}', '\u{FE93}', '\u{FE94}', '\0', '\0'),             // ARABIC LETTER TEH MARBUTA
    ('\u{062A}', '\u{FE95}', '\u{FE96}', '\u{FE97}', '\u{FE98}'), // ARABIC LETTER TEH
    ('\u{062B}', '\u{FE99}', '\u{FE9A}', '\u{FE9B}', '\u{FE9C}'), // ARABIC LETTER THEH
    ('\u{062C}', '\u{FE9D}', '\u{FE9E}', '\u{FE9F}', '\u{FEA0}'), // ARABIC LETTER JEEM
    ('\u{062D}', '\u{FEA1}', '\u{FEA2}', '\u{FEA3}', '\u{FEA4}'), // ARABIC LETTER HAH
    ('\u{062E}', '\u{FEA5}', '\u{FEA6}', '\u{FEA7}', '\u{FEA8}'), // ARABIC LETTER KHAH
    ('\u{062F}', '\u{FEA9}', '\u{FEAA}', '\0', '\0'),             // ARABIC LETTER DAL
    ('\u{0630}', '\u{FEAB}', '\u{FEAC}', '\0', '\0'),             // ARABIC LETTER THAL
    ('\u{0631}', '\u{FEAD}', '\u{FEAE}', '\0', '\0'),             // ARABIC LETTER REH
    ('\u{0632}', '\u{FEAF}', '\u{FEB0}', '\0', '\0'),             // ARABIC LETTER ZAIN
    ('\u{0633}', '\u{FEB1}', '\u{FEB2}', '\u{FEB3}', '\u{FEB4}'), // ARABIC LETTER SEEN
    ('\u{0634}', '\u{FEB5}', '\u{FEB6}', '\u{FEB7}', '\u{FEB8}'), // ARABIC LETTER SHEEN
    ('\u{0635}', '\u{FEB9}', '\u{FEBA}', '\u{FEBB}', '\u{FEBC}'), // ARABIC LETTER SAD
    ('\u{0636}', '\u{FEBD}', '\u{FEBE}', '\u{FEBF}', '\u{FEC0}'), // ARABIC LETTER DAD
    ('\u{0637}', '\u{FEC1}', '\u{FEC2}', '\u{FEC3}', '\u{FEC4}'), // ARABIC LETTER TAH
    ('\u{0638}', '\u{FEC5}', '\u{FEC6}', '\u{FEC7}', '\u{FEC8}'), // ARABIC LETTER ZAH
    ('\u{0639}', '\u{FEC9}', '\u{FECA}', '\u{FECB}', '\u{FECC}'), // ARABIC LETTER AIN
    ('\u{063A}', '\u{FECD}', '\u{FECE}', '\u{FECF}', '\u{FED0}'), // ARABIC LETTER GHAIN
    ('\u{0641}', '\u{FED1}', '\u{FED2}', '\u{FED3}', '\u{FED4}'), // ARABIC LETTER FEH
    ('\u{0642}', '\u{FED5}', '\u{FED6}', '\u{FED7}', '\u{FED8}'), // ARABIC LETTER QAF
    ('\u{0643}', '\u{FED9}', '\u{FEDA}', '\u{FEDB}', '\u{FEDC}'), // ARABIC LETTER KAF
    ('\u{0644}', '\u{FEDD}', '\u{FEDE}', '\u{FEDF}', '\u{FEE0}'), // ARABIC LETTER LAM
    ('\u{0645}', '\u{FEE1}', '\u{FEE2}', '\u{FEE3}', '\u{FEE4}'), // ARABIC LETTER MEEM
    ('\u{0646}', '\u{FEE5}', '\u{FEE6}', '\u{FEE7}', '\u{FEE8}'), // ARABIC LETTER NOON
    ('\u{0647}', '\u{FEE9}', '\u{FEEA}', '\u{FEEB}', '\u{FEEC}'), // ARABIC LETTER HEH
    ('\u{0648}', '\u{FEED}', '\u{FEEE}', '\0', '\0'),             // ARABIC LETTER WAW
    ('\u{0649}', '\u{FEEF}', '\u{FEF0}', '\u{FBE8}', '\u{FBE9}'), // ARABIC LETTER ALEF MAKSURA
    ('\u{064A}', '\u{FEF1}', '\u{FEF2}', '\u{FEF3}', '\u{FEF4}'), // ARABIC LETTER YEH
    ('\u{0671}', '\u{FB50}', '\u{FB51}', '\0', '\0'),             // ARABIC LETTER ALEF WASLA
    ('\u{0677}', '\u{FBDD}', '\0', '\0', '\0'), // ARABIC LETTER U WITH HAMZA ABOVE
    ('\u{0679}', '\u{FB66}', '\u{FB67}', '\u{FB68}', '\u{FB69}'), // ARABIC LETTER TTEH
    ('\u{067A}', '\u{FB5E}', '\u{FB5F}', '\u{FB60}', '\u{FB61}'), // ARABIC LETTER TTEHEH
    ('\u{067B}', '\u{FB52}', '\u{FB53}', '\u{FB54}', '\u{FB55}'), // ARABIC LETTER BEEH
    ('\u{067E}', '\u{FB56}', '\u{FB57}', '\u{FB58}', '\u{FB59}'), // ARABIC LETTER PEH
    ('\u{067F}', '\u{FB62}', '\u{FB63}', '\u{FB64}', '\u{FB65}'), // ARABIC LETTER TEHEH
    ('\u{0680}', '\u{FB5A}', '\u{FB5B}', '\u{FB5C}', '\u{FB5D}'), // ARABIC LETTER BEHEH
    ('\u{0683}', '\u{FB76}', '\u{FB77}', '\u{FB78}', '\u{FB79}'), // ARABIC LETTER NYEH
    ('\u{0684}', '\u{FB72}', '\u{FB73}', '\u{FB74}', '\u{FB75}'), // ARABIC LETTER DYEH
    ('\u{0686}', '\u{FB7A}', '\u{FB7B}', '\u{FB7C}', '\u{FB7D}'), // ARABIC LETTER TCHEH
    ('\u{0687}', '\u{FB7E}', '\u{FB7F}', '\u{FB80}', '\u{FB81}'), // ARABIC LETTER TCHEHEH
    ('\u{0688}', '\u{FB88}', '\u{FB89}', '\0', '\0'), // ARABIC LETTER DDAL
    ('\u{068C}', '\u{FB84}', '\u{FB85}', '\0', '\0'), // ARABIC LETTER DAHAL
    ('\u{068D}', '\u{FB82}', '\u{FB83}', '\0', '\0'), // ARABIC LETTER DDAHAL
    ('\u{068E}', '\u{FB86}', '\u{FB87}', '\0', '\0'), // ARABIC LETTER DUL
    ('\u{0691}', '\u{FB8C}', '\u{FB8D}', '\0', '\0'), // ARABIC LETTER RREH
    ('\u{0698}', '\u{FB8A}', '\u{FB8B}', '\0', '\0'), // ARABIC LETTER JEH
    ('\u{06A4}', '\u{FB6A}', '\u{FB6B}', '\u{FB6C}', '\u{FB6D}'), // ARABIC LETTER VEH
    ('\u{06A6}', '\u{FB6E}', '\u{FB6F}', '\u{FB70}', '\u{FB71}'), // ARABIC LETTER PEHEH
    ('\u{06A9}', '\u{FB8E}', '\u{FB8F}', '\u{FB90}', '\u{FB91}'), // ARABIC LETTER KEHEH
    ('\u{06AD}', '\u{FBD3}', '\u{FBD4}', '\u{FBD5}', '\u{FBD6}'), // ARABIC LETTER NG
    ('\u{06AF}', '\u{FB92}', '\u{FB93}', '\u{FB94}', '\u{FB95}'), // ARABIC LETTER GAF
    ('\u{06B1}', '\u{FB9A}', '\u{FB9B}', '\u{FB9C}', '\u{FB9D}'), // ARABIC LETTER NGOEH
    ('\u{06B3}', '\u{FB96}', '\u{FB97}', '\u{FB98}', '\u{FB99}'), // ARABIC LETTER GUEH
    ('\u{06BA}', '\u{FB9E}', '\u{FB9F}', '\0', '\0'), // ARABIC LETTER NOON GHUNNA
    ('\u{06BB}', '\u{FBA0}', '\u{FBA1}', '\u{FBA2}', '\u{FBA3}'), // ARABIC LETTER RNOON
    ('\u{06BE}', '\u{FBAA}', '\u{FBAB}', '\u{FBAC}', '\u{FBAD}'), // ARABIC LETTER HEH DOACHASHMEE
    ('\u{06C0}', '\u{FBA4}', '\u{FBA5}', '\0', '\0'), // ARABIC LETTER HEH WITH YEH ABOVE
    ('\u{06C1}', '\u{FBA6}', '\u{FBA7}', '\u{FBA8}', '\u{FBA9}'), // ARABIC LETTER HEH GOAL
    ('\u{06C5}', '\u{FBE0}', '\u{FBE1}', '\0', '\0'), // ARABIC LETTER KIRGHIZ OE
    ('\u{06C6}', '\u{FBD9}', '\u{FBDA}', '\0', '\0'), // ARABIC LETTER OE
    ('\u{06C7}', '\u{FBD7}', '\u{FBD8}', '\0', '\0'), // ARABIC LETTER U
    ('\u{06C8}', '\u{FBDB}', '\u{FBDC}', '\0', '\0'), // ARABIC LETTER YU
    ('\u{06C9}', '\u{FBE2}', '\u{FBE3}', '\0', '\0'), // ARABIC LETTER KIRGHIZ YU
    ('\u{06CB}', '\u{FBDE}', '\u{FBDF}', '\0', '\0'), // ARABIC LETTER VE
    ('\u{06CC}', '\u{FBFC}', '\u{FBFD}', '\u{FBFE}', '\u{FBFF}'), // ARABIC LETTER FARSI YEH
    ('\u{06D0}', '\u{FBE4}', '\u{FBE5}', '\u{FBE6}', '\u{FBE7}'), // ARABIC LETTER E
    ('\u{06D2}', '\u{FBAE}', '\u{FBAF}', '\0', '\0'), // ARABIC LETTER YEH BARREE
    ('\u{06D3}', '\u{FBB0}', '\u{FBB1}', '\0', '\0'), // ARABIC LETTER YEH BARREE WITH HAMZA ABOVE
];
/// Lam + alef variant: (alef, isolated ligature, final ligature).
pub(super) const LAM_ALEF: &[(char, char, char)] = &[
    ('\u{0622}', '\u{FEF5}', '\u{FEF6}'), // LAM + ARABIC LETTER ALEF WITH MADDA ABOVE
    ('\u{0623}', '\u{FEF7}', '\u{FEF8}'), // LAM + ARABIC LETTER ALEF WITH HAMZA ABOVE
    ('\u{0625}', '\u{FEF9}', '\u{FEFA}'), // LAM + ARABIC LETTER ALEF WITH HAMZA BELOW
    ('\u{0627}', '\u{FEFB}', '\u{FEFC}'), // LAM + ARABIC LETTER ALEF
];

#[cfg(test)]
mod check;
