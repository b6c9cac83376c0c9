/**
 * Loads adapter modules named in configuration: package names (`@tongban/adapter-sms-gateway`)
 * resolved from `baseDir`, or file paths. Every failure is collected with its source, so a
 * deployment with three broken entries hears about all three at start.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPlugin, type Plugin } from '@tongban/plugin-sdk';
import type { LoadProblem } from './hostErrors.ts';

/** A loaded plugin, the configuration entry it came from, and the URL it was imported from (a worker imports it again). */
export interface LoadedModule { plugin: Plugin; source: string; url?: string }

function specifier(ref: string, baseDir: string): string {
  if (ref.startsWith('.') || path.isAbsolute(ref)) return pathToFileURL(path.resolve(baseDir, ref)).href;
  // Tongban's own adapters ship with the host, so they resolve from here (in the production build that
  // is build/node_modules, the compiled twins); any other package from the deployment's folder.
  if (ref.startsWith('@tongban/')) return pathToFileURL(createRequire(import.meta.url).resolve(ref)).href;
  return pathToFileURL(createRequire(path.join(baseDir, 'noop.js')).resolve(ref)).href;
}

/** Imports each reference; returns the plugins and the problems (never throws). */
export async function loadPluginModules(refs: readonly string[], baseDir = process.cwd()): Promise<{ loaded: LoadedModule[]; problems: LoadProblem[] }> {
  const loaded: LoadedModule[] = [];
  const problems: LoadProblem[] = [];
  for (const ref of refs) {
    try {
      const url = specifier(ref, baseDir);
      const mod = (await import(url)) as { default?: unknown };
      if (isPlugin(mod.default)) loaded.push({ plugin: mod.default, source: ref, url });
      else problems.push({ code: 'host.not-a-plugin', source: ref, detail: 'export default definePlugin({...})' });
    } catch (err) {
      problems.push({ code: 'host.load-failed', source: ref, detail: (err as Error).message.split('\n')[0]!.slice(0, 300) });
    }
  }
  return { loaded, problems };
}
