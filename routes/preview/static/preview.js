// RianRu preview: chat simulator (talks to /preview/api/chat) and live filtering of the bubble gallery.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const body = document.body;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const log = $("pv-log"), quick = $("pv-quick"), form = $("pv-form"), input = $("pv-text");
  const COORDS = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;
  const STORE = "rianru-preview-chat";
  let queue = Promise.resolve();

  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const clock = () => new Date().toTimeString().slice(0, 5);
  const scrollDown = () => { log.scrollTop = log.scrollHeight; };
  const save = () => {
    try { sessionStorage.setItem(STORE, JSON.stringify({ log: log.innerHTML, quick: quick.innerHTML })); }
    catch (e) { /* storage full or disabled: the transcript is simply not kept */ }
  };

  function addUser(text, cls) {
    const row = el("div", "pv-row pv-row-user");
    row.append(el("span", "pv-time", clock()), el("div", "lf-msg lf-msg-text pv-mine " + (cls || ""), text));
    log.append(row);
    scrollDown();
  }

  function addBot(htmlList, messages) {
    htmlList.forEach((html, n) => {
      const row = el("div", "pv-row pv-row-bot" + (n ? " pv-cont" : ""));
      if (!n) row.append(el("span", "pv-avatar", "ร"));
      const holder = el("div", "pv-bot-msg");
      if (!n) holder.append(el("div", "pv-name", "เรียนรู้ RianRu"));
      holder.insertAdjacentHTML("beforeend", html);  // server-rendered, escaped by markupsafe
      const json = el("details", "pv-json");
      json.append(el("summary", "", "JSON"), el("pre", "", JSON.stringify(messages[n], null, 2)));
      holder.append(json);
      row.append(holder, el("span", "pv-time", clock()));
      log.append(row);
    });
    scrollDown();
  }

  function notice(text) {
    log.append(el("div", "pv-notice", text));
    scrollDown();
  }

  async function post(url, payload) {
    const res = await fetch(url, {
      method: "POST", credentials: "same-origin", body: JSON.stringify(payload || {}),
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
    });
    if (res.status === 401) { window.location.href = body.dataset.loginUrl; throw new Error("login required"); }
    const data = await res.json().catch(() => ({ error: res.statusText }));
    if (!res.ok) throw new Error(data.error || res.statusText);
    return data;
  }

  const target = $("pv-target");
  function send(payload, echo, echoClass) {
    payload.copy = target.value;  // the published content, or the officers' working copy
    quick.innerHTML = "";
    if (echo) addUser(echo, echoClass);
    const typing = el("div", "pv-typing", "…");
    queue = queue.then(async () => {
      log.append(typing);
      scrollDown();
      try {
        const data = await post(body.dataset.chatUrl, payload);
        typing.remove();
        addBot(data.html, data.messages);
        quick.innerHTML = data.quick_reply || "";
        if (data.notice) notice(data.notice);
      } catch (err) {
        typing.remove();
        notice("ส่งไม่สำเร็จ · " + err.message);
      }
      body.dataset.turns = String(Number(body.dataset.turns || 0) + 1);  // tests wait on this
      save();
    });
    return queue;
  }

  function sendLocation(lat, lon) {
    send({ kind: "location", lat, lon }, `📍 ตำแหน่งที่ตั้ง\n${lat.toFixed(5)}, ${lon.toFixed(5)}`, "pv-location");
  }

  // Map picker: SVG user units are (lon, -lat).
  const dialog = $("pv-map"), svg = $("pv-map-svg"), pin = $("pv-map-pin"), coords = $("pv-map-coords");
  function pick(lat, lon) {
    pin.setAttribute("cx", lon);
    pin.setAttribute("cy", -lat);
    coords.value = `${lat.toFixed(5)},${lon.toFixed(5)}`;
  }
  function svgPoint(ev) {
    const pt = svg.createSVGPoint();
    pt.x = ev.clientX; pt.y = ev.clientY;
    const p = pt.matrixTransform(svg.getScreenCTM().inverse());
    return { lat: -p.y, lon: p.x };
  }
  svg.addEventListener("click", (ev) => { const p = svgPoint(ev); pick(p.lat, p.lon); });
  svg.addEventListener("mousemove", (ev) => {
    const p = svgPoint(ev);
    $("pv-map-readout").textContent = `${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}`;
  });
  $("pv-map-province").addEventListener("change", (ev) => {
    const m = COORDS.exec(ev.target.value);
    if (m) pick(parseFloat(m[1]), parseFloat(m[2]));
  });
  $("pv-map-send").addEventListener("click", () => {
    const m = COORDS.exec(coords.value);
    if (!m) { coords.focus(); return; }
    dialog.close();
    sendLocation(parseFloat(m[1]), parseFloat(m[2]));
  });

  // Every tappable thing (bubble buttons, quick replies, "ask the bot") carries data-kind.
  document.addEventListener("click", (ev) => {
    const target = ev.target.closest("button[data-kind]");
    if (!target || target.disabled) return;
    const { kind, text, data, display } = target.dataset;
    if (kind === "message") send({ kind: "text", text }, text);
    else if (kind === "postback") send({ kind: "postback", data }, display || null);
    else if (kind === "location") { coords.value = ""; dialog.showModal(); }
  });

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    const m = COORDS.exec(text);
    if (m) sendLocation(parseFloat(m[1]), parseFloat(m[2]));
    else send({ kind: "text", text }, text);
  });

  $("pv-reset").addEventListener("click", async () => {
    try { await post(body.dataset.resetUrl); } catch (err) { notice(err.message); return; }
    log.innerHTML = ""; quick.innerHTML = "";
    sessionStorage.removeItem(STORE);
    send({ kind: "follow" });
  });

  target.addEventListener("change", () => {
    notice(target.value === "working" ? "คุยกับฉบับร่าง (working copy)" : "คุยกับฉบับที่ประชาชนเห็น (published)");
    save();
  });

  // Gallery filters apply as you type, a page of cards at a time; the form still works without JavaScript.
  const filters = $("pv-filters"), gallery = $("pv-gallery");
  const pageSize = Number(gallery.dataset.pageSize || 24);
  let page = Number(gallery.dataset.page || 1);
  function applyFilters(resetPage) {
    if (resetPage) page = 1;
    const q = $("pv-q").value.trim().toLowerCase(), kind = $("pv-kind").value;
    const type = $("pv-type").value, province = $("pv-province").value;
    const matching = [];
    document.querySelectorAll(".pv-item").forEach((item) => {
      const ok = (!q || item.dataset.search.includes(q)) && (!kind || item.dataset.itemKind === kind)
        && (!type || item.dataset.type === type) && (!province || item.dataset.provinces.includes(`|${province}|`));
      item.hidden = true;
      if (ok) matching.push(item);
    });
    const pages = Math.max(1, Math.ceil(matching.length / pageSize));
    page = Math.min(Math.max(page, 1), pages);
    matching.slice((page - 1) * pageSize, page * pageSize).forEach((item) => { item.hidden = false; });
    $("pv-shown").textContent = matching.length;
    $("pv-empty").hidden = matching.length > 0;
    $("pv-page-label").textContent = `หน้า ${page} / ${pages}`;
    $("pv-prev").disabled = page <= 1;
    $("pv-next").disabled = page >= pages;
    const params = new URLSearchParams(new FormData(filters));
    if (page > 1) params.set("page", page);
    for (const [key, value] of [...params]) {
      if (!value || (key === "lang" && value === "th") || (key === "copy" && value === "published")) params.delete(key);
    }
    history.replaceState(null, "", params.toString() ? `?${params}` : window.location.pathname);
  }
  filters.addEventListener("input", () => applyFilters(true));
  filters.addEventListener("change", (ev) => {
    if (ev.target.id === "pv-lang" || ev.target.id === "pv-copy") filters.submit();
  });
  filters.addEventListener("submit", (ev) => {
    ev.preventDefault(); applyFilters(true);
  });
  const turnPage = (step) => { page += step; applyFilters(false); gallery.scrollIntoView({ block: "start" }); };
  $("pv-prev").addEventListener("click", () => turnPage(-1));
  $("pv-next").addEventListener("click", () => turnPage(1));
  applyFilters(false);

  const logout = document.querySelector(".pv-logout");
  if (logout) logout.addEventListener("submit", () => sessionStorage.removeItem(STORE));

  let kept = null;
  try { kept = JSON.parse(sessionStorage.getItem(STORE) || "null"); } catch (e) { kept = null; }
  if (kept && kept.log) {
    log.innerHTML = kept.log;
    quick.innerHTML = kept.quick || "";
    scrollDown();
  } else {
    send({ kind: "follow" });  // what a citizen sees on adding the bot as a friend
  }
})();
