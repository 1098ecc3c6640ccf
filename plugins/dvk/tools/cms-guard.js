// Loaded into decap-server before it starts (node --require): it answers only requests whose Host header
// names this machine (127.0.0.1 or localhost, with its own port). A web page elsewhere whose name is made to
// point at 127.0.0.1 (DNS rebinding) therefore cannot write into the working copy; the dev server guards its
// own pages the same way (dvk/tools/devserver.py, host_allowed).
"use strict";
const http = require("http");
const createServer = http.createServer;
const ALLOWED = new Set(["127.0.0.1", "localhost"]);

function hostAllowed(header, port) {
  const match = /^([^:]+)(?::(\d+))?$/.exec(String(header || "").trim().toLowerCase());
  return Boolean(match) && ALLOWED.has(match[1]) && (match[2] === undefined || match[2] === String(port));
}

http.createServer = function (...args) {
  const index = args.findIndex((a) => typeof a === "function");
  if (index >= 0) {
    const handler = args[index];
    args[index] = function (req, res) {
      if (!hostAllowed(req.headers.host, process.env.PORT)) {
        res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("Chỉ nhận yêu cầu gửi tới 127.0.0.1 hoặc localhost.");
        return;
      }
      return handler(req, res);
    };
  }
  return createServer.apply(this, args);
};
