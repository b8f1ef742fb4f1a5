/** @switchboard/call-log — a single-spa application (React, shared through the import map). */
import React from 'react';
import * as ReactDOMClient from 'react-dom/client';
import singleSpaReact from 'single-spa-react';
import { CallLog } from './CallLog';

const lifecycles = singleSpaReact({
  React,
  ReactDOMClient,
  rootComponent: CallLog,
  errorBoundary: (error) => (
    <p className="shell-error" role="alert">
      The call log failed: {error.message}
    </p>
  ),
});

export const { bootstrap, mount, unmount } = lifecycles;
