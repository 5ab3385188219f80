/**
 * Escape sequences a terminal acts on: CSI (`ESC [ … final`, colours, clearing the
 * screen, moving the cursor), OSC / DCS / APC / PM / SOS strings (`ESC ] 0;title BEL`
 * sets the window title; some terminals act on links or clipboard writes), and the
 * two-character escapes. Their 8-bit C1 forms too.
 */
// eslint-disable-next-line no-control-regex -- matching control sequences is the point
const ESCAPE_SEQUENCE = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)|\u001b[\u0020-\u007e]?/g;
/** What is left: C0 controls other than tab and line feed, DEL, and C1 controls. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Document text as it may be shown on a terminal: whole escape sequences and other
 * control characters removed, so a document cannot clear the screen, retitle the
 * window or hide text. Tabs and line feeds stay; a carriage return goes (it could
 * overwrite a line), except in CRLF line endings, which become plain line feeds.
 * JSON output needs none of this: JSON.stringify escapes control characters.
 */
export function terminalText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}
