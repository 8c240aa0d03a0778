/// The search page `GET /` serves: a form for a segment or a concordance query, answered
/// from the JSON API by the page's script, with the words that differ (lookup) or match
/// (concordance) marked, and in a concordance hit's translation where the phrase went, when
/// the TM tells. The query lives in the address (`/?q=…&from=en&to=ru&mode=lookup`),
/// so a search can be bookmarked or sent to a colleague. Each match shows its unit's origin,
/// author and date, with the unit's alternative translations beside it, whether it is a
/// context match, and what the match policy took off; the segment's context (key,
/// neighbours), a filter and a penalty can be given under "Context, filter, penalty". A third
/// mode lists the units holding a text (and meeting the filter), whole and read-only: the
/// maintenance listing of `glossa tm list`. A segment without a match shows its fragments:
/// the phrases of three words or more TM segments hold, marked in them. With a token in the
/// page's settings (kept in the browser's local storage, sent as a bearer token), a translator
/// adds a unit and corrects a match's translation in place. Text from the TM only ever goes
/// in through `textContent`, never as markup.
enum SearchPage {
    static let html = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Glossa: translation memory search</title>
    <style>
      body { font: 16px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1d1d1f; }
      h1 { font-size: 1.3rem; margin: 0 0 .75rem; }
      form { display: grid; gap: .5rem; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); align-items: end; }
      label { display: grid; gap: .2rem; font-size: .85rem; color: #555; }
      .wide { grid-column: 1 / -1; }
      textarea, select, input, button { font: inherit; padding: .35rem .5rem; }
      textarea { min-height: 3.5rem; resize: vertical; }
      #status { margin: .9rem 0 .4rem; color: #555; }
      #status.error { color: #b00020; }
      ol { list-style: none; padding: 0; margin: 0; }
      li.hit { border-top: 1px solid #ddd; padding: .6rem 0; }
      .segment { margin: .15rem 0; }
      .lang { display: inline-block; min-width: 2.6rem; font-size: .8rem; color: #777; }
      .score { font-weight: 600; margin-right: .5rem; }
      .meta { font-size: .8rem; color: #777; }
      mark { background: #ffe58a; padding: 0 .1rem; }
      mark.diff { background: #ffc9c9; }
      mark.went { background: #c9e7ff; }
      nav a { margin-right: 1rem; }
      h2 { font-size: 1rem; margin: .6rem 0 .3rem; }
      #terms { margin: 0 0 .6rem; padding-left: 1.2rem; }
      .status { font-size: .8rem; color: #777; }
      .deprecated, .forbidden { text-decoration: line-through; }
      .alternative .lang::after { content: " alt"; }
      details { margin: .8rem 0; }
      #add { margin-top: .5rem; }
      .edit { margin-left: .5rem; font-size: .8rem; }
      .fields { display: grid; gap: .5rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); margin-top: .4rem; }
      .context { background: #d9f2d9; border-radius: .2rem; padding: 0 .3rem; margin-right: .4rem; }
      .deductions { color: #8a4b00; }
      .adapted { background: #dbe8ff; border-radius: .2rem; padding: 0 .3rem; margin-right: .4rem; }
    </style>
    </head>
    <body>
    <h1>Glossa translation memory</h1>
    <form id="search" method="get" action="/">
      <label class="wide">Segment or words to find
        <textarea name="q" id="q" required></textarea></label>
      <label>Search
        <select name="mode" id="mode">
          <option value="lookup">Matches for a segment</option>
          <option value="concordance">Concordance (words, "phrases", prefix*)</option>
          <option value="units">Units holding the text (maintenance list)</option>
        </select></label>
      <label>From <select name="from" id="from"></select></label>
      <label>To <select name="to" id="to"></select></label>
      <label>Lowest score <input type="number" name="min" id="min" min="1" max="101" value="75"></label>
      <button type="submit">Search</button>
      <details class="wide" id="refine">
        <summary>Context, filter, penalty</summary>
        <div class="fields">
          <label>Key of the string (msgctxt, resname) <input name="context" id="context"></label>
          <label>Segment before <input name="prev" id="prev"></label>
          <label>Segment after <input name="next" id="next"></label>
          <label>Only units where (e.g. origin=*.po) <input name="where" id="where"></label>
          <label>Penalty (e.g. author=mt:10) <input name="penalty" id="penalty"></label>
        </div>
      </details>
    </form>
    <details id="team">
      <summary>Team: token, add a unit</summary>
      <form id="settings">
        <label>Token (from whoever runs the server; kept in this browser)
          <input type="password" id="token" autocomplete="off"></label>
        <label>Your name, on what you add or correct <input id="author" autocomplete="name"></label>
        <button type="submit">Save</button>
      </form>
      <form id="add">
        <label class="wide">Source text (in the From language) <textarea id="add-source" required></textarea></label>
        <label class="wide">Translation (in the To language) <textarea id="add-target" required></textarea></label>
        <button type="submit">Add the unit</button>
      </form>
    </details>
    <p id="status" role="status"></p>
    <section id="glossary" hidden>
      <h2>Glossary terms</h2>
      <ul id="terms"></ul>
    </section>
    <ol id="results"></ol>
    <nav id="pages"></nav>
    <script>
    "use strict";
    const params = new URLSearchParams(location.search);
    const $ = (id) => document.getElementById(id);

    function element(tag, className, text) {
      const node = document.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined) node.textContent = text;
      return node;
    }

    // The API's spans count code points; JavaScript strings count UTF-16 units.
    function marked(text, spans, className) {
      const points = Array.from(text), fragment = document.createDocumentFragment();
      let position = 0;
      for (const span of spans) {
        if (span.start < position) continue;
        fragment.append(points.slice(position, span.start).join(""));
        fragment.append(element("mark", className, points.slice(span.start, span.end).join("")));
        position = span.end;
      }
      fragment.append(points.slice(position).join(""));
      return fragment;
    }

    function segment(language, content) {
      const line = element("div", "segment");
      line.lang = language;
      line.dir = "auto";
      line.append(element("span", "lang", language), " ", content);
      return line;
    }

    function say(text, isError) {
      $("status").textContent = text;
      $("status").className = isError ? "error" : "";
    }

    // The team settings, kept in this browser.
    const settings = {
      get token() { return localStorage.getItem("glossa.token") || ""; },
      get author() { return localStorage.getItem("glossa.author") || ""; },
    };

    async function ask(path, method, body) {
      const headers = {};
      if (settings.token) headers["Authorization"] = "Bearer " + settings.token;
      if (body !== undefined) headers["Content-Type"] = "application/json";
      const response = await fetch(path, { method: method || "GET", headers: headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const answer = response.status === 204 ? null : await response.json();
      if (!response.ok) throw new Error(answer.error || response.statusText);
      return answer;
    }

    async function offerLanguages() {
      let languages = ["en", "ru"];
      try {
        const stats = await ask("/api/stats");
        const held = Object.keys(stats.languages).sort();
        if (held.length > 0) languages = held;
      } catch (error) {
        say("Cannot read the TM's languages: " + error.message, true);
      }
      const from = params.get("from") || "en", to = params.get("to") || (from.startsWith("ru") ? "en" : "ru");
      for (const [select, chosen] of [[$("from"), from], [$("to"), to]]) {
        for (const language of new Set([...languages, chosen])) select.append(new Option(language, language, false, language === chosen));
      }
    }

    // A match's translation, with a button to correct it when the page has a token.
    function translation(match) {
      const line = segment(match.target_lang, match.target);
      if (match.adapted) line.title = "The TM has: " + match.stored_target;
      if (match.alternative) line.classList.add("alternative");
      if (settings.token) {
        const edit = element("button", "edit", "Correct");
        edit.type = "button";
        edit.addEventListener("click", () => correct(match, line));
        line.append(edit);
      }
      return line;
    }

    function showMatches(matches, min) {
      let units = 0, last = null;
      for (const match of matches) {
        // A unit's alternative translations go beside its first, not as matches of their own.
        if (match.alternative && last && last.dataset.unit === String(match.unit)) {
          last.append(translation(match));
          continue;
        }
        units += 1;
        const item = element("li", "hit");
        item.dataset.score = match.score;
        item.dataset.unit = match.unit;
        const head = element("div", "meta");
        head.append(element("span", "score", match.score + "%"));
        if (match.context_match) head.append(element("span", "context", "context match"));
        if (match.adapted) head.append(element("span", "adapted", "numbers adapted"));
        head.append("unit " + match.unit);
        if (match.penalties.length > 0) head.append(" (−" + match.penalties.join(", ") + ")");
        if (match.deductions.length > 0) {
          head.append(" ", element("span", "deductions", "−" + match.deductions.map((d) => d.points + " " + d.reason).join(", −")));
        }
        if (match.origin) head.append(" · " + match.origin);
        const author = match.changed_by || match.created_by, date = match.changed || match.created;
        if (author) head.append(" · " + (match.changed_by ? "corrected by " : "by ") + author);
        if (date) head.append(" · " + date.slice(0, 10));
        item.append(head, segment(match.source_lang, marked(match.source, match.diff, "diff")), translation(match));
        $("results").append(item);
        last = item;
      }
      say(units === 0 ? "No match of " + min + "% or more." : units + (units === 1 ? " match" : " matches"));
    }

    // Corrects a match's translation in its unit: the unit is read whole, so its other
    // languages and properties stay, and written back with the new text.
    function correct(match, line) {
      const editor = element("textarea", "correction");
      editor.value = match.target;
      const save = element("button", "edit", "Save");
      save.type = "button";
      line.replaceChildren(element("span", "lang", match.target_lang), " ", editor, save);
      save.addEventListener("click", async () => {
        try {
          const unit = await ask("/api/units/" + match.unit);
          const alternatives = unit.alternatives || {};
          if (match.alternative) {
            const texts = alternatives[match.target_lang] || [];
            texts[Math.max(0, texts.indexOf(match.target))] = editor.value;
            alternatives[match.target_lang] = texts;
          } else {
            unit.variants[match.target_lang] = editor.value;
          }
          await ask("/api/units/" + match.unit, "PUT", { variants: unit.variants, alternatives: alternatives, author: settings.author || undefined });
          match.target = editor.value;
          line.replaceWith(translation(match));
          say("Saved the correction to unit " + match.unit + ".", false);
        } catch (error) {
          say("Not saved: " + error.message, true);
        }
      });
    }

    // The glossary's terms in the segment, each with the terms to use in the other language.
    function showTerms(terms) {
      $("glossary").hidden = terms.length === 0;
      for (const found of terms) {
        const item = element("li", "term");
        item.dataset.concept = found.concept;
        item.append(element("b", found.status, found.found), " ", element("span", "status", found.status));
        for (const translation of found.translations) {
          const term = element("span", translation.status, translation.term);
          term.lang = translation.language;
          item.append(" → ", term, " ", element("span", "status", translation.language + ", " + translation.status));
        }
        $("terms").append(item);
      }
    }

    // Phrases of the segment the TM holds, each with the units that hold it.
    function showFragments(fragments) {
      if (fragments.length === 0) return;
      $("status").append(" " + fragments.length + (fragments.length === 1 ? " fragment:" : " fragments:"));
      for (const fragment of fragments) {
        const item = element("li", "hit fragment");
        const head = element("div", "meta");
        head.append(element("span", "score", "“" + fragment.text + "”"), fragment.words + " words");
        if (fragment.translation) head.append(" → ", element("span", "translation", fragment.translation));
        item.append(head);
        for (const holder of fragment.units) {
          item.append(segment($("from").value, marked(holder.source, [holder.highlight], "")));
          if (holder.target !== null) item.append(segment($("to").value, marked(holder.target, holder.target_highlights, "went")));
        }
        $("results").append(item);
      }
    }
    // The maintenance listing: each unit whole, read-only.
    function showUnits(units, page, max) {
      say(units.length === 0 ? (page === 1 ? "No unit holds it." : "No more units.") : "Page " + page + ": " + units.length + (units.length === 1 ? " unit" : " units"));
      for (const unit of units) {
        const item = element("li", "hit unit");
        item.dataset.unit = unit.id;
        const head = element("div", "meta", "unit " + unit.id);
        if (unit.origin) head.append(" · " + unit.origin);
        if (unit.tuid) head.append(" · " + unit.tuid);
        const date = unit.changed || unit.created;
        if (date) head.append(" · " + date.slice(0, 10));
        item.append(head);
        for (const [language, text] of Object.entries(unit.variants)) item.append(segment(language, text));
        for (const [language, texts] of Object.entries(unit.alternatives || {})) {
          for (const text of texts) {
            const line = segment(language, text);
            line.classList.add("alternative");
            item.append(line);
          }
        }
        $("results").append(item);
      }
      pages(page, max, units.length);
    }
    // Links to the pages before and after this one.
    function pages(page, max, count) {
      for (const [label, target] of [["Previous page", page - 1], ["Next page", page + 1]]) {
        if (target < 1 || (target > page && count < max)) continue;
        const next = new URLSearchParams(params);
        next.set("page", target);
        const link = element("a", "", label);
        link.href = "?" + next.toString();
        $("pages").append(link);
      }
    }
    function showHits(hits, page, max) {
      say(hits.length === 0 ? (page === 1 ? "No segment matches." : "No more hits.") : "Page " + page + ": " + hits.length + (hits.length === 1 ? " hit" : " hits"));
      for (const hit of hits) {
        const item = element("li", "hit");
        item.append(element("div", "meta", "unit " + hit.unit), segment(hit.lang, marked(hit.text, hit.highlights, "")));
        // Where the phrase went in the translation, when the TM tells.
        item.append(segment(hit.translation_lang || $("to").value,
                            hit.translation === null ? "(no translation)" : marked(hit.translation, hit.translation_highlights, "went")));
        $("results").append(item);
      }
      pages(page, max, hits.length);
    }

    async function search() {
      const q = params.get("q");
      if (!q) return;
      $("q").value = q;
      const mode = ["concordance", "units"].includes(params.get("mode")) ? params.get("mode") : "lookup";
      $("mode").value = mode;
      $("min").disabled = mode !== "lookup";
      const min = params.get("min") || "75";
      $("min").value = min;
      const query = new URLSearchParams({ q: q, from: $("from").value, to: $("to").value });
      // Context, filters and penalties go with a lookup when given (an empty field is none).
      let refined = false;
      for (const name of ["context", "prev", "next", "where", "penalty"]) {
        const values = params.getAll(name).filter((value) => value !== "");
        if (values.length > 0) $(name).value = values[0];
        if (mode === "lookup" || (mode === "units" && name === "where")) for (const value of values) query.append(name, value);
        refined = refined || values.length > 0;
      }
      $("refine").open = refined;
      say("Searching…", false);
      try {
        if (mode === "lookup") {
          const terms = ask("/api/terms?" + query).catch(() => []);  // a server without a glossary has none
          query.set("min", min);
          const matches = await ask("/api/lookup?" + query);
          showMatches(matches, min);
          showTerms(await terms);
          // No whole match: the phrases the TM holds.
          if (matches.length === 0) showFragments(await ask("/api/fragments?" + new URLSearchParams({ q: q, from: $("from").value, to: $("to").value })));
        } else {
          const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1), max = 20;
          query.set("page", page);
          query.set("max", max);
          if (mode === "units") {
            query.set("text", q);
            query.set("lang", query.get("from"));
            showUnits(await ask("/api/units?" + query), page, max);
          } else {
            showHits(await ask("/api/concordance?" + query), page, max);
          }
        }
      } catch (error) {
        say(error.message, true);
      }
    }

    $("token").value = settings.token;
    $("author").value = settings.author;
    $("settings").addEventListener("submit", (event) => {
      event.preventDefault();
      localStorage.setItem("glossa.token", $("token").value.trim());
      localStorage.setItem("glossa.author", $("author").value.trim());
      say("Saved: " + (settings.token ? "this browser now writes with its token." : "no token, so this browser only reads."), false);
    });
    $("add").addEventListener("submit", async (event) => {
      event.preventDefault();
      const from = $("from").value, to = $("to").value;
      const variants = { [from]: $("add-source").value, [to]: $("add-target").value };
      try {
        const added = await ask("/api/units", "POST", { units: [{ variants: variants, author: settings.author || undefined }] });
        say(added.added === 1 ? "Added unit " + added.units[0] + "." : "The TM has this unit already: unit " + added.units[0] + ".", false);
        $("add").reset();
      } catch (error) {
        say("Not added: " + error.message, true);
      }
    });
    $("mode").addEventListener("change", () => { $("min").disabled = $("mode").value !== "lookup"; });
    // Enter searches, as in a CAT tool's search box; Shift+Enter still breaks the line.
    $("q").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $("search").requestSubmit();
      }
    });
    offerLanguages().then(search).finally(() => { document.body.dataset.ready = "true"; });
    </script>
    </body>
    </html>
    """#
}
