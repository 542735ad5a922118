// Drives Parrot's own Node client (flower-power-api@2.0.1, unchanged) against a server that speaks the cloud's API.
// Usage: node interop.js BASE_URL USERNAME PASSWORD CLIENT_ID CLIENT_SECRET [UPLOAD_JSON_FILE]
// Prints one JSON object with what each call returned; exits 1 with the error when a call fails.
'use strict';
const fs = require('fs');
const FlowerPowerCloud = require('flower-power-api');

const [baseUrl, username, password, clientId, clientSecret, uploadFile] = process.argv.slice(2);
if (!clientSecret) {
  console.error('usage: node interop.js BASE_URL USERNAME PASSWORD CLIENT_ID CLIENT_SECRET [UPLOAD_JSON_FILE]');
  process.exit(2);
}

FlowerPowerCloud.url = baseUrl.replace(/\/+$/, '');
const api = new FlowerPowerCloud();
const call = (name, data) => new Promise((resolve, reject) => {
  const done = (err, res) => (err ? reject(Object.assign(new Error(name + ' failed'), { detail: err })) : resolve(res));
  if (data === undefined) api[name](done); else api[name](data, done);
});

(async () => {
  const token = await new Promise((resolve, reject) => api.login(
    { username, password, client_id: clientId, client_secret: clientSecret },
    (err, res) => (err ? reject(Object.assign(new Error('login failed'), { detail: err })) : resolve(res))));
  const profile = await call('getProfile');
  const configuration = await call('getConfiguration');
  const garden = await call('getGarden');
  const versions = await call('getUserVersions');
  let sent = null;
  if (uploadFile) {
    sent = await call('sendSamples', JSON.parse(fs.readFileSync(uploadFile, 'utf8')));
  }

  const after = await call('getUserVersions');
  console.log(JSON.stringify({
    tokenExpiresIn: token.expires_in,
    email: profile.user_profile.email,
    locations: configuration.locations.map(l => l.location_identifier),
    statuses: garden.locations.map(l => ({ location: l.location_identifier, historyIndex: l.sensor ? l.sensor.current_history_index : null })),
    gardenStatusVersion: versions.garden_status_version,
    gardenStatusVersionAfter: after.garden_status_version,
    sent: sent === null ? null : { errors: sent.errors },
  }));
})().catch(error => {
  console.error(JSON.stringify({ message: error.message, detail: error.detail && (error.detail.message || error.detail) }));
  process.exit(1);
});
