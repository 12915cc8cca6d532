import { createContext, useContext } from 'react';

// Which long texts are expanded, held above the virtualised rows so it survives scrolling away.
export interface Expand {
  isOpen: (key: string) => boolean;
  toggle: (key: string) => void;
}

export const ExpandContext = createContext<Expand>({ isOpen: () => false, toggle: () => undefined });

export function useExpand(key: string): { expanded: boolean; onToggle: () => void } {
  const x = useContext(ExpandContext);
  return { expanded: x.isOpen(key), onToggle: () => x.toggle(key) };
}
