// Preloaded into a citebot process (NODE_OPTIONS=--import=…) where a test cannot mount a real read-only or
// full file system (no root, or no mount permission): Node's own file functions then fail for paths under
// CITEBOT_FAULT_DIR the way the kernel would. CITEBOT_FAULT=read-only fails every change with EROFS;
// CITEBOT_FAULT=full:<bytes> lets this process write that many bytes there, then fails with ENOSPC.
// Native code (hnswlib writes its own file) is not covered: tests inject its failures separately.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const dir = process.env.CITEBOT_FAULT_DIR && path.resolve(process.env.CITEBOT_FAULT_DIR);
const fault = process.env.CITEBOT_FAULT ?? '';
let room = fault.startsWith('full:') ? Number(fault.slice('full:'.length)) : Infinity;

const inside = (target) => dir !== undefined && typeof target === 'string' && (path.resolve(target) + path.sep).startsWith(dir + path.sep);
const failure = (code, target) => Object.assign(new Error(`${code}: simulated, '${target}'`), { code, path: target });
const writes = (flags) => typeof flags === 'number' || /[wax+]/.test(String(flags ?? 'r'));

function spend(target, bytes) {
  if (fault === 'read-only') throw failure('EROFS', target);
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : (bytes?.byteLength ?? 0);
  if (size > room) throw failure('ENOSPC', target);
  room -= size;
}

if (dir && fault) {
  const promises = fs.promises;
  const original = { ...promises };
  const guard = (name, check) => {
    promises[name] = async (...args) => {
      if (inside(args[0])) check(...args);
      return original[name](...args);
    };
  };
  guard('writeFile', (target, data) => spend(target, data));
  guard('appendFile', (target, data) => spend(target, data));
  for (const name of ['rename', 'rm', 'unlink', 'link', 'utimes', 'copyFile', 'truncate']) {
    guard(name, (target) => {
      if (fault === 'read-only') throw failure('EROFS', target);
    });
  }
  promises.mkdir = async (target, options) => {
    if (inside(target) && fault === 'read-only' && !fs.existsSync(target)) throw failure('EROFS', target);
    return original.mkdir(target, options);
  };
  promises.open = async (target, flags, mode) => {
    if (!inside(target) || !writes(flags)) return original.open(target, flags, mode);
    if (fault === 'read-only') throw failure('EROFS', target);
    const handle = await original.open(target, flags, mode);
    const { write, writeFile } = handle;
    handle.write = (data, ...rest) => (spend(target, data), write.call(handle, data, ...rest));
    handle.writeFile = (data, ...rest) => (spend(target, data), writeFile.call(handle, data, ...rest));
    return handle;
  };
  for (const name of ['rmSync', 'unlinkSync', 'writeFileSync']) {
    const sync = fs[name];
    fs[name] = (target, ...rest) => {
      if (inside(target) && fault === 'read-only') throw failure('EROFS', target);
      return sync(target, ...rest);
    };
  }
  syncBuiltinESMExports();
}
