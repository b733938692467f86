// The stored-XSS corpus of tests/browser/injection.spec.ts: text that
// people may type into a form, built so that any of it turning into markup
// or script is seen and traced back to where it was typed.
//
// Every payload carries a marker: `data-pwn="<marker>"` on the element it
// would create, and `__pwn('<marker>')` as the script it would run (the
// spec defines `window.__pwn` before any page script, and records each call).
// A marker starts with the code of the field it was typed into (see FIELDS),
// so a failure names the field and the kind of payload, e.g.
// `d-en-textarea-img` is "the English description, </textarea> then <img>".

/// Where each marker prefix was typed.
export const FIELDS: Record<string, string> = {
  dn: "account display name",
  hn: "host name",
  hd: "host description",
  hl: "host links",
  hb: "second (partner) host name",
  "t-<lang>": "gathering title in <lang>",
  "d-<lang>": "gathering description in <lang>",
  pn: "place name",
  pa: "place address",
  loc: "place location (refused)",
  rule: "repeat rule (refused)",
  exc: "exceptions (refused)",
  dt: "date, time, number fields (refused)",
  rn: "volunteer role name",
  rd: "volunteer role description",
  rx: "volunteer role slots and shift (refused)",
  pt: "co-host partner address (refused)",
  note: "office sponsorship note",
  rsvp: "name given when replying by email",
  party: "party size (refused)",
  ti: "team invitation address",
};

/// The script a payload runs: records its marker (see the spec's hook).
export const run = (marker: string) => `__pwn('${marker}')`;

/// Elements whose content the HTML parser reads as text (raw text and
/// RCDATA): typed text closing one of them is the classic breakout.
export const RAW_TEXT_ELEMENTS = [
  "title",
  "textarea",
  "script",
  "style",
  "noscript",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
];

const img = (m: string) => `<img src=x data-pwn="${m}" onerror="${run(m)}">`;
const script = (m: string) => `<script data-pwn="${m}">${run(m)}</script>`;

/// Bidirectional override: shown as typed, never reorders the page.
export const BIDI = "\u202Egnp.exe\u202C";

/// Everything, for a long text field (a description): closing tags of every
/// raw-text element each followed by an image with `onerror` and a script,
/// attribute breakouts, event handlers, Markdown and HTML mixtures,
/// `javascript:` links, a JSON-LD breakout and bidi overrides. Every
/// element it opens it also closes, so that a breakout on a broken page
/// does not swallow the rest of it.
export function corpus(code: string): string {
  const m = (kind: string) => `${code}-${kind}`;
  const blocks: string[] = [];
  for (const tag of RAW_TEXT_ELEMENTS) {
    blocks.push(`</${tag}>${img(m(`${tag}-img`))}`);
    blocks.push(`</${tag}>${script(m(`${tag}-script`))}`);
  }
  blocks.push(
    // Out of a double-, single- and unquoted attribute value.
    `"><svg data-pwn="${m("dq")}" onload="${run(m("dq"))}"></svg>`,
    `'><svg data-pwn='${m("sq")}' onload='__pwn("${m("sq")}")'></svg>`,
    `x data-pwn=${m("uq")} onmouseover=${run(m("uq"))} " data-pwn="${m("uq2")}" onfocus="${run(m("uq2"))}`,
    // Event handlers that need no user action.
    `<details open data-pwn="${m("toggle")}" ontoggle="${run(m("toggle"))}">open</details>`,
    `<iframe data-pwn="${m("srcdoc")}" srcdoc="&lt;script&gt;parent.${run(m("srcdoc"))}&lt;/script&gt;"></iframe>`,
    `<math><mtext><table><mglyph><style><img src=x data-pwn="${m("mxss")}" onerror="${run(m("mxss"))}"></style></mglyph></table></mtext></math>`,
    `<a href="javascript:${run(m("a-js"))}" data-pwn="${m("a-js")}">a link</a> <body onload="${run(m("body"))}" data-pwn="${m("body")}">`,
    // Markdown that tries for script links, and HTML inside Markdown.
    `[a javascript link](javascript:${run(m("md-js"))}) [spaced](  JaVaScRiPt:${run(m("md-js2"))} ) [entity](&#106;avascript:${run(m("md-ent"))}) <javascript:${run(m("md-auto"))}> [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
    `![an image](x"onerror="${run(m("md-img"))}) [reference][r] **bold ${img(m("md-bold"))}** _em ${script(m("md-em"))}_ \`</textarea>${img(m("md-code"))}\``,
    `[r]: javascript:${run(m("md-ref"))}`,
    `# A heading </title>${img(m("md-h1"))}\n\n> quoted </textarea>${img(m("md-quote"))}\n\n- item </noscript>${img(m("md-li"))}`,
    // Out of the JSON-LD script, also through an HTML comment.
    `</script><script data-pwn="${m("jsonld")}">${run(m("jsonld"))}</script> <!--<script> \u2028\u2029 -->`,
    // Into new lines of an iCalendar file.
    `line one\r\nX-INJECTED:${m("ics")}\r\nEND:VEVENT`,
    `Bidi: ${BIDI} and \u202Bembedded\u202C and \u2067isolated\u2069, quotes " ' \` & < > done.`,
  );
  return blocks.join("\n\n");
}

/// Compact payloads for short fields, each well under 80 characters.
function compact(m: string): string[] {
  return [
    `</title><script data-pwn=${m}1>${run(`${m}1`)}</script>`,
    `</textarea><img src=x data-pwn=${m}2 onerror=${run(`${m}2`)}>`,
    `"><svg data-pwn=${m}3 onload=${run(`${m}3`)} />`,
    `'><img src=x data-pwn=${m}4 onerror=${run(`${m}4`)}>`,
    `</script><script data-pwn=${m}5>${run(`${m}5`)}</script>`,
    `</style><img src=x data-pwn=${m}6 onerror=${run(`${m}6`)}>`,
    `</noscript><img src=x data-pwn=${m}7 onerror=${run(`${m}7`)}>`,
    `</xmp></iframe><img src=x data-pwn=${m}8 onerror=${run(`${m}8`)}>`,
  ];
}

/// As many compact payloads as fit in `max` characters with `tail`
/// appended, starting at the `start`th so that fields differ.
export function fit(code: string, max: number, tail = "", start = 0): string {
  const all = compact(code);
  let text = "";
  for (let i = 0; i < all.length; i++) {
    const next = all[(start + i) % all.length];
    if ([...(text + next + tail)].length > max) continue;
    text += next;
  }
  const result = text + tail;
  if (result === tail) throw new Error(`no payload fits ${max} characters for ${code}`);
  return result;
}

/// Long text: the corpus, then filler with markup-looking characters up to
/// `length` characters.
export function long(code: string, length: number): string {
  let text = corpus(code) + "\n\n";
  const filler = "x<y & y>z; \"a\" 'b' ";
  while (text.length < length) text += filler;
  return text.slice(0, length).trimEnd() + ".";
}

/// The characters typed into each field must fit its limit: a payload cut
/// short by the form would prove nothing about the rest.
export function within(text: string, max: number, what: string): string {
  const length = [...text].length;
  if (length > max) throw new Error(`${what}: ${length} characters, more than ${max}`);
  return text;
}
