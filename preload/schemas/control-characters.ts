/** C0 and C1 controls (NUL, line breaks, tabs, escape...), DEL, and the Unicode line and paragraph separators. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
