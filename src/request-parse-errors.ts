/**
 * Yoga parses the `variables` and `extensions` of a GET query string (and of a form-encoded POST)
 * with a bare `JSON.parse`: malformed JSON there threw a SyntaxError that became a 500
 * "Unexpected error.". This plugin makes it the 400 BAD_REQUEST that malformed JSON in a POST
 * body already gets.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function useRequestParseErrors(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          throw new GraphQLError(`Request parameters are not valid JSON: ${error.message}`, {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
      });
    },
  };
}
