export { ERROR_TABLE, type ErrorCode, type ErrorSpec, isErrorCode } from './error-table';
export { AppError } from './app-error';
export {
  decodeDetails,
  encodeDetails,
  fromGrpcError,
  toGrpcError,
  ERROR_CODE_HEADER,
  ERROR_DETAILS_HEADER,
} from './grpc-mapping';
export { toProblem, type Problem, PROBLEM_CONTENT_TYPE } from './problem';
