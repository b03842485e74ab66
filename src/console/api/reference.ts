import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Client } from '@urql/core';
import { documents } from './documents';

/** Names for the codes and ids the API returns (units, regions, categories), loaded once per sign-in. */
export type Reference = {
  unitName(id: string | null | undefined): string;
  regionName(code: string | null | undefined): string;
  categoryName(code: string | null | undefined): string;
  units: { id: string; rawId: string; name: string; region: string }[];
  regions: { code: string; name: string; level: string; parent?: string | null }[];
  categories: { code: string; name: string; tier: string }[];
};

/** A Relay global id (`base64("Unit:<uuid>")`) or a raw id → the raw id; tokens and access events carry raw ids. */
export function rawId(id: string): string {
  try {
    const decoded = atob(id);
    const at = decoded.indexOf(':');
    return at > 0 && /^[A-Za-z]+$/.test(decoded.slice(0, at)) ? decoded.slice(at + 1) : id;
  } catch {
    return id;
  }
}

const EMPTY: Reference = {
  unitName: (id) => id ?? '—',
  regionName: (code) => code ?? '—',
  categoryName: (code) => code ?? '—',
  units: [],
  regions: [],
  categories: [],
};

export const ReferenceContext = createContext<Reference>(EMPTY);

export function useReference(): Reference {
  return useContext(ReferenceContext);
}

/** Loads units, regions and categories; a part the role may not read stays empty (codes are shown instead). */
export function useReferenceLoader(client: Client): Reference {
  const [reference, setReference] = useState<Reference>(EMPTY);
  useEffect(() => {
    let live = true;
    void Promise.all([
      client.query(documents.units, {}).toPromise(),
      client.query(documents.regions, {}).toPromise(),
      client.query(documents.categories, {}).toPromise(),
    ]).then(([units, regions, categories]) => {
      if (!live) return;
      const unitList = (units.data?.units ?? []).map((u) => ({ id: u.id, rawId: rawId(u.id), name: u.name, region: u.region }));
      const unitById = new Map<string, string>();
      for (const u of unitList) {
        unitById.set(u.id, u.name);
        unitById.set(u.rawId, u.name);
      }
      const regionList = regions.data?.regions ?? [];
      const regionByCode = new Map(regionList.map((r) => [r.code, r.name]));
      const categoryList = (categories.data?.categories ?? []).map((c) => ({ code: c.code, name: c.name, tier: c.tier }));
      const categoryByCode = new Map(categoryList.map((c) => [c.code, c.name]));
      setReference({
        unitName: (id) => (id ? (unitById.get(id) ?? unitById.get(rawId(id)) ?? id) : '—'),
        regionName: (code) => (code ? (regionByCode.get(code) ?? code) : '—'),
        categoryName: (code) => (code ? (categoryByCode.get(code) ?? code) : '—'),
        units: unitList,
        regions: regionList,
        categories: categoryList,
      });
    });
    return () => {
      live = false;
    };
  }, [client]);
  return reference;
}
