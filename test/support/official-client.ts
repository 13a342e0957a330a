import { execFileSync } from 'node:child_process';

// superagent ships no type declarations; the official client drives it exactly like this.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const request: any = require('superagent');

/**
 * The official Node client (papercups-io/papercups-node, src/client.js) re-created method for method:
 * `Authorization: Bearer <key>`, JSON bodies nested under the resource key, results read from
 * `res.body.data` (deletes: `res.body`), and every `list(query = {})` sends only what it is given (no
 * paging parameter). Re-created because the package is not on the registry; `loadOfficialClient` runs
 * the real file when a mirror of it is at hand, and the specs compare the two method trees.
 */
export function papercups(token: string, host: string) {
  const get = (endpoint: string, query = {}) =>
    request
      .get(`${host}${endpoint}`)
      .set('Authorization', `Bearer ${token}`)
      .query(query)
      .then((res: any) => res.body.data);
  const post = (endpoint: string, body = {}) =>
    request
      .post(`${host}${endpoint}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body)
      .then((res: any) => res.body.data);
  const put = (endpoint: string, body = {}) =>
    request
      .put(`${host}${endpoint}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body)
      .then((res: any) => res.body.data);
  const destroy = (endpoint: string) =>
    request
      .del(`${host}${endpoint}`)
      .set('Authorization', `Bearer ${token}`)
      .then((res: any) => res.body);
  /** list, retrieve, create and destroy; customers and conversations also update (messages do not). */
  const resource = (path: string, key: string) => ({
    list: (query = {}) => get(`/api/v1/${path}`, query),
    retrieve: (id: string, query = {}) => get(`/api/v1/${path}/${id}`, query),
    create: (fields: object) => post(`/api/v1/${path}`, { [key]: fields }),
    destroy: (id: string) => destroy(`/api/v1/${path}/${id}`),
  });
  const updatable = (path: string, key: string) => ({
    ...resource(path, key),
    update: (id: string, updates: object) => put(`/api/v1/${path}/${id}`, { [key]: updates }),
  });
  return {
    me: () => get('/api/v1/me'),
    companies: resource('companies', 'company'),
    conversations: updatable('conversations', 'conversation'),
    customers: updatable('customers', 'customer'),
    github: {
      issues: {
        list: (query = {}) => get('/api/v1/github/issues', query),
        create: (params: object) => post('/api/v1/github/issues', params),
      },
      repos: { list: (query = {}) => get('/api/v1/github/repos', query) },
    },
    gmail: { send: (params: object) => post('/api/v1/gmail/send', params) },
    issues: resource('issues', 'issue'),
    messages: resource('messages', 'message'),
    notes: resource('notes', 'note'),
    reporting: (query = {}) => get('/api/v1/reporting', query),
    slack: { notify: (params: object) => post('/api/v1/slack/notify', params) },
    tags: resource('tags', 'tag'),
    twilio: { send: (params: object) => post('/api/v1/twilio/send', params) },
    users: {
      me: () => get('/api/v1/me'),
      list: (query = {}) => get('/api/v1/users', query),
      retrieve: (id: string, query = {}) => get(`/api/v1/users/${id}`, query),
    },
  };
}

export type OfficialClient = ReturnType<typeof papercups>;

/**
 * The real src/client.js from a git mirror (or checkout) of papercups-io/papercups-node, run with this
 * project's superagent. Only with PAPERCUPS_NODE_MIRROR set; undefined otherwise.
 */
export function loadOfficialClient(): ((token: string, options: { host: string }) => OfficialClient) | undefined {
  const mirror = process.env.PAPERCUPS_NODE_MIRROR;
  if (!mirror) return undefined;
  const source = execFileSync('git', ['-C', mirror, 'show', 'HEAD:src/client.js'], { encoding: 'utf8' });
  const module = { exports: {} as any };
  new Function('require', 'module', 'exports', source)(require, module, module.exports);
  return module.exports;
}

/** A client's methods as dotted paths (`customers.list`, `github.issues.create`, …), sorted. */
export function methodPaths(client: object, prefix = ''): string[] {
  return Object.entries(client)
    .flatMap(([key, value]) =>
      typeof value === 'function' ? [`${prefix}${key}`] : methodPaths(value as object, `${prefix}${key}.`),
    )
    .sort();
}
