/**
 * A Box whose sx never changes: MUI's Box resolves its sx against the theme and serialises the result on every
 * render; here the sx is resolved (by the theme's own sx function, as Box does) and serialised once per theme
 * (hooks/themeClass.ts), and each render only looks the class up. Same element, same MuiBox-root class, same rules.
 */
import { withEmotionCache, type CSSObject } from '@emotion/react';
import { useTheme, type SxProps, type Theme } from '@mui/material/styles';
import { createElement, useInsertionEffect, type HTMLAttributes, type JSX } from 'react';
import { classNameIn, insertClass, themeClass } from '../hooks/themeClass';

export type SxClass = ReturnType<typeof themeClass>;

/** The class of a fixed sx, for SxBox; create it once at module level. */
// MUI types its resolved styles with its own CSSObject, which emotion's object type declares differently.
export const sxClass = (sx: SxProps<Theme>): SxClass => themeClass((theme) => theme.unstable_sx(sx) as CSSObject);

type SxBoxTag = 'div' | 'form' | 'header' | 'li' | 'section' | 'span' | 'ul';

export interface SxBoxProps extends HTMLAttributes<HTMLElement> {
  styles: SxClass;
  component?: SxBoxTag;
  noValidate?: boolean;
}

export const SxBox = withEmotionCache<SxBoxProps, HTMLElement>(function SxBox(props, cache, ref): JSX.Element {
  const { styles, component: Tag = 'div', className, ...rest } = props;
  const serialized = styles(useTheme<Theme>());
  useInsertionEffect(() => insertClass(cache, serialized), [cache, serialized]);
  const classes = `${className ? `${className} ` : ''}MuiBox-root ${classNameIn(cache, serialized)}`;
  return createElement(Tag, { className: classes, ...rest, ref });
});
