'use strict';
/** The greeting line for a name, trimmed and capped so a query string cannot make it huge. */
function greet(name) {
  const who = String(name || 'world').trim().slice(0, 64) || 'world';
  return `hello, ${who}`;
}
module.exports = { greet };
