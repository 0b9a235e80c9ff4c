import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import {
  DateTimeResolver, EmailAddressResolver, JSONObjectResolver, LocaleResolver, PhoneNumberResolver, URLResolver,
} from 'graphql-scalars';
import type { Context } from '../context.js';

/**
 * The one SchemaBuilder. Plugin order matters: Relay first (it defines Node and the global-id
 * helpers the dataloader plugin's `loadableNode` builds on), then Dataloader. No types live here.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    EmailAddress: { Input: string; Output: string };
    PhoneNumber: { Input: string; Output: string };
    Locale: { Input: string; Output: string };
    URL: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
    JSONObject: { Input: Record<string, unknown>; Output: Readonly<Record<string, unknown>> };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    // The canonical User is the only node; `node`/`nodes` come from the plugin, typed to Node.
    nodeQueryOptions: { description: 'Fetches any object by its global id; null (with an error) when it cannot be loaded.' },
    nodesQueryOptions: { description: 'Fetches objects by global id, in the order given; each failed id is null with its own error.' },
    nodeTypeOptions: { description: 'An object with a Relay global id, refetchable through `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list.' },
  },
});

builder.addScalarType('EmailAddress', EmailAddressResolver);
builder.addScalarType('PhoneNumber', PhoneNumberResolver);
builder.addScalarType('Locale', LocaleResolver);
builder.addScalarType('URL', URLResolver);
builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('JSONObject', JSONObjectResolver);
