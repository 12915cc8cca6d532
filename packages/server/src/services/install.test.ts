import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HOOK_ADAPTERS } from '@vigil/core';
import { installCommands } from './install.js';

test('every client with hook capture has an install command, with the server URL quoted for the shell', () => {
  const { clients } = installCommands("http://vigil.example:7411/a b'c");
  for (const client of Object.keys(HOOK_ADAPTERS)) {
    const c = clients.find((x) => x.client === client || x.client === `${client}-enforce`);
    assert.ok(c, `no install command for ${client}`);
    assert.match(c.command, new RegExp(`^npx vigil setup hooks --client ${client} --install --server 'http://vigil\\.example:7411/a b'\\\\''c' `));
  }
  assert.match(clients.find((c) => c.client === 'hermes-webhook')!.command, /url: http:\/\/vigil\.example:7411\/a b'c\/v1\/webhooks\/hermes/);
});
