import { gemPinVersions } from '../../src/rules/gem-pin-versions.js';
import { ruleTests } from './rule-tester.js';

ruleTests(gemPinVersions, {
  valid: [
    'FROM ruby:3.3\nRUN gem install bundler:2.5.22\n',
    'FROM ruby:3.3\nRUN gem install rails -v 7.1.3\n',
    'FROM ruby:3.3\nRUN gem install rails --version=7.1.3 --no-document\n',
    'FROM ruby:3.3\nRUN gem install ./pkg/app-1.0.gem\n',
    'FROM ruby:3.3\nRUN bundle install && gem update --system 3.5.0\n',
    { name: 'version through ARG', code: 'FROM ruby:3.3\nARG B=2.5.22\nRUN gem install bundler:${B}\n' },
  ],
  invalid: [
    { code: 'FROM ruby:3.3\nRUN gem install bundler\n', errors: [{ line: 2, column: 5, message: '`bundler`' }] },
    { name: 'gem i', code: 'FROM ruby:3.3\nRUN gem i rails nokogiri:1.16\n', errors: [{ line: 2, message: '`rails`' }] },
    { name: 'ONBUILD', code: 'FROM ruby:3.3\nONBUILD RUN gem install rake\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM ruby:3.3\nRUN <<EOF\ngem install rake\nEOF\n', errors: [{ line: 3 }] },
    { name: 'continuation', code: 'FROM ruby:3.3\nRUN gem install \\\n    --no-document \\\n    rake\n', errors: [{ line: 2 }] },
  ],
});
