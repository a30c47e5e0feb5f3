// Live status of the notices list: poll status.json and update each row's status, recipients and batches.
(function () {
  "use strict";
  const table = document.getElementById("ad-notices");
  if (!table) return;
  const url = window.location.pathname.replace(/\/$/, "") + "/status.json";
  async function refresh() {
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const rows = await response.json();
      for (const row of table.querySelectorAll("tr[data-notice]")) {
        const info = rows[row.dataset.notice];
        if (!info) continue;
        const cell = row.querySelector(".ad-status");
        cell.textContent = info.status + (info.error ? " — " + info.error : "");
        cell.className = "ad-status ad-" + info.status;
        row.querySelector(".ad-recipients").textContent = info.recipients === null ? "-" : String(info.recipients);
        row.querySelector(".ad-batches").textContent = info.sent + "/" + info.batches;
      }
      document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
    } catch (error) {
      // the next tick tries again
    }
  }
  refresh();
  window.setInterval(refresh, 1500);
})();
